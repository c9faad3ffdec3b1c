package dev.cutover.drain;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of an {@code application/logplex-1} POST: syslog messages framed by octet counting, each as
 * {@code <length> <message of length bytes>}, one after the other (Logplex's doc/README.http_drains.md, "Logplex
 * Frame Format"; RFC 6587 §3.4.1). Logplex ends each message with a newline that its length counts; whitespace
 * between frames is tolerated too.
 *
 * <p>A frame that cannot be read (no length, a length beyond the body, a frame not followed by the next one) is
 * counted and skipped, and reading resumes at the next line: one broken frame never loses the rest of the body.
 */
final class LogplexFrames {
  /** Longer than any syslog message Heroku sends (it splits lines at 10,000 bytes). */
  private static final int MAX_LENGTH_DIGITS = 7;

  /** The messages of a body, without their trailing newline, and how many frames were malformed. */
  record Parsed(List<String> messages, int malformed) {}

  private LogplexFrames() {}

  static Parsed parse(byte[] body) {
    List<String> messages = new ArrayList<>();
    int malformed = 0;
    int i = 0;
    int n = body.length;
    while (true) {
      while (i < n && isSpace(body[i])) {
        i++;
      }
      if (i >= n) {
        break;
      }
      int digits = i;
      long length = 0;
      while (digits < n && isDigit(body[digits]) && digits - i < MAX_LENGTH_DIGITS) {
        length = length * 10 + (body[digits] - '0');
        digits++;
      }
      int start = digits + 1;
      boolean readable = digits > i && digits < n && body[digits] == ' ' && length > 0 && start + length <= n;
      int end = readable ? (int) (start + length) : -1;
      if (readable && end < n && !isSpace(body[end]) && !isDigit(body[end])) {
        readable = false; // the length was too short: the next frame would start inside this message
      }
      if (!readable) {
        malformed++;
        i = nextLine(body, i);
        continue;
      }
      messages.add(trimNewline(new String(body, start, end - start, StandardCharsets.UTF_8)));
      i = end;
    }
    return new Parsed(messages, malformed);
  }

  private static int nextLine(byte[] body, int from) {
    for (int k = from; k < body.length; k++) {
      if (body[k] == '\n') {
        return k + 1;
      }
    }
    return body.length;
  }

  private static String trimNewline(String s) {
    int end = s.length();
    while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r')) {
      end--;
    }
    return s.substring(0, end);
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }

  private static boolean isSpace(byte b) {
    return b == ' ' || b == '\n' || b == '\r' || b == '\t';
  }
}
