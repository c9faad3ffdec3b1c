package dev.cutover.plan;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Plan-file durations: {@code 90s}, {@code 10m}, {@code 1h}, {@code 1h30m}, {@code 500ms}, {@code 0s}. */
public final class Durations {
  private static final Pattern FORMAT =
      Pattern.compile("(?:(\\d{1,6})h)?(?:(\\d{1,6})m)?(?:(\\d{1,9})s)?(?:(\\d{1,9})ms)?");

  private Durations() {}

  /** The duration {@code text} denotes, or empty when it is not written like {@code 90s} or {@code 1h30m}. */
  public static Optional<Duration> parse(String text) {
    String t = text.trim();
    Matcher m = FORMAT.matcher(t);
    if (t.isEmpty() || !m.matches()) {
      return Optional.empty();
    }
    Duration d = Duration.ZERO;
    if (m.group(1) != null) {
      d = d.plusHours(Long.parseLong(m.group(1)));
    }
    if (m.group(2) != null) {
      d = d.plusMinutes(Long.parseLong(m.group(2)));
    }
    if (m.group(3) != null) {
      d = d.plusSeconds(Long.parseLong(m.group(3)));
    }
    if (m.group(4) != null) {
      d = d.plusMillis(Long.parseLong(m.group(4)));
    }
    return Optional.of(d);
  }

  /** The plan-file spelling of {@code d}: {@code 1h30m}, {@code 3m}, {@code 500ms}, {@code 0s}. */
  public static String format(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    StringBuilder sb = new StringBuilder(d.isNegative() ? "-" : "");
    Duration a = d.abs();
    if (a.compareTo(Duration.ofMinutes(2)) < 0) { // 90s reads better than 1m30s, and a TTL is in seconds
      append(sb, a.toSeconds(), "s");
      append(sb, a.toMillisPart(), "ms");
      return sb.toString();
    }
    append(sb, a.toHours(), "h");
    append(sb, a.toMinutesPart(), "m");
    append(sb, a.toSecondsPart(), "s");
    append(sb, a.toMillisPart(), "ms");
    return sb.toString();
  }

  private static void append(StringBuilder sb, long value, String unit) {
    if (value != 0) {
      sb.append(value).append(unit);
    }
  }
}
