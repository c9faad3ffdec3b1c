package dev.cutover.drain;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

/**
 * One syslog message of a drain, read as Heroku's router writes it. The syslog header is RFC 5424's
 * {@code <PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID MSG}, without STRUCTURED-DATA (Logplex's
 * doc/README.http_drains.md). Over an HTTPS drain Logplex writes HOSTNAME {@code heroku}, APP-NAME {@code router}
 * and the drain token as PROCID ({@code <158>1 2012-10-11T03:47:20+00:00 heroku router d.9173ea1f-... -
 * at=info ...}); syslog forwarders put {@code host heroku router -}: both are router lines. The message is Heroku's
 * router log format (Heroku Dev Center, "HTTP Routing", "Heroku Router Log Format"): {@code key=value} pairs,
 * values in double quotes where they may hold spaces, {@code status=} the HTTP status and {@code service=} the
 * time in milliseconds; an error line carries {@code at=error code=H12 desc="Request timeout"} and may leave
 * {@code connect=} and {@code service=} empty (H10, "App crashed").
 */
final class RouterLine {

  /** What a message is. */
  enum Kind {
    /** A router line with a status: one request. */
    REQUEST,
    /** A well-formed message of something else (an app's own log line, the platform's): not counted. */
    OTHER,
    /** Not a syslog message, a router line without a readable status, or a timestamp that cannot be read. */
    MALFORMED
  }

  /**
   * @param at when the router logged the request
   * @param status the HTTP status the client got
   * @param serviceMillis the {@code service=} time, or -1 when the line has none (H10 and other errors)
   * @param code the Heroku error code ({@code H12}), or null for {@code at=info}
   */
  record Request(Instant at, int status, long serviceMillis, String code) {
    boolean serverError() {
      return status >= 500 && status <= 599;
    }
  }

  /** A message's kind; {@code request} is set for {@link Kind#REQUEST}, {@code problem} for MALFORMED. */
  record Parsed(Kind kind, Request request, String problem) {
    static Parsed malformed(String why) {
      return new Parsed(Kind.MALFORMED, null, why);
    }
  }

  private static final Parsed OTHER = new Parsed(Kind.OTHER, null, null);

  private RouterLine() {}

  static Parsed parse(String message) {
    if (!message.startsWith("<")) {
      return Parsed.malformed("no syslog priority");
    }
    int close = message.indexOf('>');
    if (close < 2 || close > 4 || !digits(message, 1, close)) {
      return Parsed.malformed("no syslog priority");
    }
    String[] header = message.substring(close + 1).split(" ", 7);
    if (header.length < 6 || !header[0].equals("1")) {
      return Parsed.malformed("not an RFC 5424 header");
    }
    String host = header[2];
    String app = header[3];
    String proc = header[4];
    boolean router = host.equals("heroku") && app.equals("router") || app.equals("heroku") && proc.equals("router");
    if (!router) {
      return OTHER;
    }
    Instant at;
    try {
      at = OffsetDateTime.parse(header[1]).toInstant();
    } catch (DateTimeParseException e) {
      return Parsed.malformed("unreadable timestamp");
    }
    String text = header.length == 7 ? header[6] : "";
    if (text.startsWith("- ")) {
      text = text.substring(2); // a STRUCTURED-DATA nil value that some forwarders add
    }
    Map<String, String> fields = fields(text);
    int status;
    try {
      status = Integer.parseInt(fields.getOrDefault("status", ""));
    } catch (NumberFormatException e) {
      return Parsed.malformed("router line without a status");
    }
    if (status < 100 || status > 599) {
      return Parsed.malformed("router line with status " + status);
    }
    String code = "error".equals(fields.get("at")) ? fields.get("code") : null;
    return new Parsed(Kind.REQUEST, new Request(at, status, millis(fields.get("service")), code), null);
  }

  /** {@code key=value} and {@code key="quoted value"} pairs; a pair without {@code =} is skipped. */
  static Map<String, String> fields(String text) {
    Map<String, String> out = new HashMap<>();
    int i = 0;
    int n = text.length();
    while (i < n) {
      while (i < n && text.charAt(i) == ' ') {
        i++;
      }
      int eq = -1;
      int k = i;
      while (k < n && text.charAt(k) != ' ' && text.charAt(k) != '=') {
        k++;
      }
      if (k < n && text.charAt(k) == '=') {
        eq = k;
      }
      if (eq < 0) {
        i = k + 1;
        continue;
      }
      String key = text.substring(i, eq);
      int v = eq + 1;
      String value;
      if (v < n && text.charAt(v) == '"') {
        int endQuote = text.indexOf('"', v + 1);
        int end = endQuote < 0 ? n : endQuote;
        value = text.substring(v + 1, end);
        i = end + 1;
      } else {
        int end = text.indexOf(' ', v);
        end = end < 0 ? n : end;
        value = text.substring(v, end);
        i = end;
      }
      out.putIfAbsent(key, value);
    }
    return out;
  }

  /** {@code 12ms} or {@code 12.5ms} as whole milliseconds (rounded); -1 when empty or unreadable. */
  static long millis(String value) {
    if (value == null || !value.endsWith("ms")) {
      return -1;
    }
    try {
      double ms = Double.parseDouble(value.substring(0, value.length() - 2));
      return ms >= 0 && ms < Long.MAX_VALUE / 2 ? Math.round(ms) : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static boolean digits(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }
}
