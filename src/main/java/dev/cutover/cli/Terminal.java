package dev.cutover.cli;

import java.util.List;

/**
 * The one function every console printer uses for text it did not write itself: names, alarm names, comments,
 * reasons and details from plan files, the journal, AWS answers and the command line. A control character
 * (an ESC starting a terminal sequence, a carriage return that overwrites the line, a newline that forges one)
 * or a bidirectional override is shown as an escape ({@code \x1b}, {@code \r}, {@code \u202e}), never sent.
 */
public final class Terminal {
  private Terminal() {}

  /** {@code text} with every control and bidi-override character escaped; null as "null". */
  public static String safe(String text) {
    if (text == null) {
      return "null";
    }
    StringBuilder sb = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String escape = escape(c);
      if (escape != null && sb == null) {
        sb = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      if (sb != null) {
        if (escape != null) {
          sb.append(escape);
        } else {
          sb.append(c);
        }
      }
    }
    return sb == null ? text : sb.toString();
  }

  /** A message of several lines (written with {@code \n} on purpose): each line made {@link #safe}. */
  public static String safeLines(String message) {
    return message == null ? "null" : String.join("\n", lines(List.of(message.split("\n", -1))));
  }

  /** "a, b, c" with each item made {@link #safe}. */
  public static String list(List<String> items) {
    return String.join(", ", lines(items));
  }

  /** Each line made {@link #safe}. */
  public static List<String> lines(List<String> lines) {
    return lines.stream().map(Terminal::safe).toList();
  }

  private static String escape(char c) {
    switch (c) {
      case '\n':
        return "\\n";
      case '\r':
        return "\\r";
      case '\t':
        return "\\t";
      default:
        break;
    }
    if (c < 0x20 || c == 0x7f) {
      return String.format("\\x%02x", (int) c);
    }
    if ((c >= 0x80 && c < 0xa0) || c == 0x061c || c == 0x200e || c == 0x200f || (c >= 0x2028 && c <= 0x202e)
        || (c >= 0x2066 && c <= 0x2069)) {
      return String.format("\\u%04x", (int) c);
    }
    return null;
  }
}
