package dev.cutover.sandbox.quota;

import java.util.Locale;

/**
 * An API request quota of the sandbox: at most {@code burst} requests at once, refilled at {@code perSecond}
 * (sandbox-clock time). {@link #UNLIMITED} admits everything ({@code cutover sandbox --route53-rate off}).
 */
public record RequestRate(int burst, double perSecond) {
  public static final RequestRate UNLIMITED = new RequestRate(Integer.MAX_VALUE, Double.POSITIVE_INFINITY);

  public RequestRate {
    if (burst < 1 || Double.isNaN(perSecond) || perSecond < 0) {
      throw new IllegalArgumentException("a request rate needs a burst >= 1 and a rate >= 0 per second, got burst "
          + burst + " and " + perSecond + " per second");
    }
  }

  /** {@code n} requests per second with bursts of one second's worth (at least 1). */
  public static RequestRate perSecond(double n) {
    if (!(n > 0) || Double.isInfinite(n)) {
      throw new IllegalArgumentException("a request rate must be a positive number of requests per second, got "
          + n);
    }
    return new RequestRate((int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.ceil(n))), n);
  }

  public boolean unlimited() {
    return Double.isInfinite(perSecond);
  }

  /** "20 requests/s, bursts of 50", or "off". */
  public String describe() {
    return unlimited() ? "off" : String.format(Locale.ROOT, "%s requests/s, bursts of %d",
        perSecond == Math.rint(perSecond) ? String.valueOf((long) perSecond) : String.valueOf(perSecond), burst);
  }
}
