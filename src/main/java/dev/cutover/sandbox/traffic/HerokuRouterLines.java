package dev.cutover.sandbox.traffic;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Simulated requests as Heroku's router logs them (Heroku Dev Center, "HTTP Routing", "Heroku Router Log Format"),
 * under the syslog header Logplex gives a line of an HTTPS drain ({@code <158>1 TIME heroku router DRAIN-TOKEN -
 * ...}: RFC 5424 without STRUCTURED-DATA, Logplex's doc/README.http_drains.md), framed by octet counting
 * ({@code application/logplex-1}). A request of 30 s or more is the router's H12 timeout (503 after 30 s, Dev
 * Center "Request Timeout"); a failed one is a 500 from the app, or now and then an H13 (503, the dyno closed the
 * connection). Each line is stamped within its tick's second, so it lands in the same minute as the tick's
 * metrics. Not thread-safe: one caller, the ticking thread.
 */
final class HerokuRouterLines {
  static final String DRAIN_TOKEN = "d.5a4d0b5e-0000-4000-8000-00000000c0de";
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'+00:00'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final double TIMEOUT_SECONDS = 30;
  private static final String[] PATHS = {"/", "/api/items", "/api/items/42", "/login", "/assets/app.js"};

  private final String host;
  private final SplittableRandom random;

  /**
   * @param host the Host header of the requests (the name clients resolve, without its trailing dot)
   */
  HerokuRouterLines(String host, long seed) {
    this.host = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    this.random = new SplittableRandom(seed);
  }

  /** One syslog message per request. */
  List<String> lines(Instant now, int count, double[] latencySeconds, boolean[] failed) {
    List<String> out = new ArrayList<>(count);
    long secondStart = now.getEpochSecond();
    long nanosIntoSecond = now.getNano();
    for (int i = 0; i < count; i++) {
      Instant at = Instant.ofEpochSecond(secondStart, nanosIntoSecond == 0 ? 0 : random.nextLong(nanosIntoSecond));
      out.add("<158>1 " + TIME.format(at) + " heroku router " + DRAIN_TOKEN + " - "
          + request(latencySeconds[i], failed[i]));
    }
    return out;
  }

  private String request(double latencySeconds, boolean failed) {
    String common = "method=GET path=\"" + PATHS[random.nextInt(PATHS.length)] + "\" host=" + host
        + " request_id=" + uuid() + " fwd=\"203.0.113." + (1 + random.nextInt(254)) + "\" dyno=web."
        + (1 + random.nextInt(4)) + " connect=" + random.nextInt(3) + "ms service=";
    if (latencySeconds >= TIMEOUT_SECONDS) {
      return "at=error code=H12 desc=\"Request timeout\" " + common + "30000ms status=503 bytes=0 protocol=https";
    }
    long ms = Math.round(latencySeconds * 1000);
    if (failed && random.nextInt(10) == 0) {
      return "at=error code=H13 desc=\"Connection closed without response\" " + common + ms
          + "ms status=503 bytes=0 protocol=https";
    }
    return "at=info " + common + ms + "ms status=" + (failed ? 500 : 200) + " bytes=" + (200 + random.nextInt(5000))
        + " protocol=https";
  }

  private String uuid() {
    return String.format(Locale.ROOT, "%08x-%04x-4%03x-8%03x-%012x", random.nextInt() & 0xffffffffL,
        random.nextInt(0x10000), random.nextInt(0x1000), random.nextInt(0x1000), random.nextLong(1L << 48));
  }

  /** {@code messages} framed as an {@code application/logplex-1} body: each as its byte count, a space, itself. */
  static byte[] body(List<String> messages) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String m : messages) {
      byte[] bytes = (m + "\n").getBytes(StandardCharsets.UTF_8);
      out.writeBytes((bytes.length + " ").getBytes(StandardCharsets.US_ASCII));
      out.writeBytes(bytes);
    }
    return out.toByteArray();
  }
}
