package dev.cutover.sandbox.route53;

import java.util.ArrayList;
import java.util.List;

/**
 * DNS names the way Route 53 stores and returns them, and its listing order.
 *
 * <p>Stored form (AWS, Route 53 Developer Guide, "DNS domain name format"): lowercase, absolute (trailing dot), and
 * every character other than {@code a-z 0-9 - _} written as a {@code \ooo} octal escape, "whether you specified the
 * characters as characters or as escape codes" ({@code *} → {@code \052}, {@code \101} → {@code a}). Input may use
 * either form; a raw character from 000 to 040 or from 177 octal up (space, tab, control, non-ASCII) is refused as
 * {@link UnsupportedCharacter}: the guide says those must be written as escape codes.
 *
 * <p>Order (API Reference, ListResourceRecordSets "Sort order" and ListHostedZonesByName): the name with its labels
 * reversed, as one ASCII string with the trailing dot ({@code api.example.com.} sorts as {@code com.example.api.}),
 * so characters below {@code .} ({@code - !} ... {@code ,}) change the order: {@code api-v2.example.com.} comes
 * before {@code api.example.com.}. ListHostedZonesByName documents that it sorts the escaped form; for
 * ListResourceRecordSets the docs do not say, and the sandbox sorts the escaped (stored) form there too
 * (docs/sandbox-route53-differences.md).
 */
public final class DnsNames {
  private DnsNames() {}

  /** A raw character Route 53 accepts only as an escape code; the message carries Route 53's error name. */
  public static final class UnsupportedCharacter extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    UnsupportedCharacter(String name, char c) {
      super("FATAL problem: UnsupportedCharacter (Value contains unsupported characters) encountered with '"
          + c + "' in DNS name '" + name + "': write it as a \\three-digit octal escape, e.g. \\"
          + String.format("%03o", (int) c));
    }
  }

  /**
   * The stored form of {@code name} (raw or escaped, any case, with or without the trailing dot).
   *
   * @throws UnsupportedCharacter for a raw space, tab, control or non-ASCII character
   */
  public static String normalize(String name) {
    StringBuilder out = new StringBuilder(name.length() + 8);
    String n = name.strip();
    for (int i = 0; i < n.length(); i++) {
      char c = n.charAt(i);
      if (c == '.') {
        out.append('.');
        continue;
      }
      int code = c;
      if (c == '\\' && isOctal(n, i + 1)) {
        code = Integer.parseInt(n.substring(i + 1, i + 4), 8);
        i += 3;
      } else if (c <= ' ' || c >= 0x7f) {
        throw new UnsupportedCharacter(name, c);
      }
      appendStored(out, code);
    }
    if (out.length() == 0 || out.charAt(out.length() - 1) != '.') {
      out.append('.');
    }
    return out.toString();
  }

  private static boolean isOctal(String s, int from) {
    if (from + 3 > s.length()) {
      return false;
    }
    for (int i = from; i < from + 3; i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '7') {
        return false;
      }
    }
    return Integer.parseInt(s.substring(from, from + 3), 8) <= 0xff;
  }

  private static void appendStored(StringBuilder out, int code) {
    int c = code >= 'A' && code <= 'Z' ? code + ('a' - 'A') : code;
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
      out.append((char) c);
    } else {
      out.append('\\').append(String.format("%03o", c));
    }
  }

  /** Labels of a stored name, leftmost first: {@code api.example.com.} gives {@code [api, example, com]}. */
  static List<String> labels(String storedName) {
    String body = storedName.endsWith(".") ? storedName.substring(0, storedName.length() - 1) : storedName;
    return body.isEmpty() ? List.of() : List.of(body.split("\\.", -1));
  }

  /** The sort key: labels reversed, joined with dots, trailing dot kept ({@code com.example.api.}). */
  static String sortKey(String storedName) {
    List<String> labels = new ArrayList<>(labels(storedName));
    StringBuilder key = new StringBuilder(storedName.length() + 1);
    for (int i = labels.size() - 1; i >= 0; i--) {
      key.append(labels.get(i)).append('.');
    }
    return key.length() == 0 ? "." : key.toString();
  }

  /** Route 53's listing order of two stored names (ASCII order of their sort keys). */
  public static int compare(String a, String b) {
    return a.equals(b) ? 0 : sortKey(a).compareTo(sortKey(b));
  }

  /** True if {@code name} is {@code zone} itself or below it (both stored form). */
  public static boolean isWithin(String name, String zone) {
    return name.equals(zone) || name.endsWith("." + zone);
  }

  /** Length and label checks on a stored name, counted in bytes as Route 53 does; a reason, or null when valid. */
  public static String problem(String storedName) {
    int bytes = 0;
    for (String label : labels(storedName)) {
      int labelBytes = label.length() - 3 * count(label, '\\');
      if (labelBytes == 0) {
        return "DNS name contains an empty label";
      }
      if (labelBytes > 63) {
        return "DNS name label is longer than 63 characters";
      }
      bytes += labelBytes + 1;
    }
    if (bytes == 0) {
      return "DNS name contains an empty label";
    }
    return bytes > 255 ? "DNS name is longer than 255 characters" : null;
  }

  private static int count(String s, char c) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      n += s.charAt(i) == c ? 1 : 0;
    }
    return n;
  }
}
