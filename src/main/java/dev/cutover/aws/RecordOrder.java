package dev.cutover.aws;

import dev.cutover.domain.RecordPair;
import java.util.Comparator;
import java.util.Locale;

/**
 * Record names as Route 53 returns them, and Route 53's order of ListResourceRecordSets, so that one paginated
 * read covers every pair of a plan.
 *
 * <p>Order (Route 53 API Reference, ListResourceRecordSets, "Sort order"): "sorts results first by DNS name with
 * the labels reversed, for example com.example.www. Note the trailing dot, which can change the sort order when the
 * record name contains characters that appear before . (decimal 46) in the ASCII table"; then by record type. So
 * the reversed name is compared as ONE string: {@code api-v2.example.com.} ({@code com.example.api-v2.}) comes
 * before {@code api.example.com.} ({@code com.example.api.}), although label by label {@code api} < {@code api-v2}.
 *
 * <p>Names (Developer Guide, "DNS domain name format"): Route 53 returns every character other than
 * {@code a-z 0-9 - _} as a {@code \ooo} octal escape ({@code *} as {@code \052}). {@link #canonical} writes a plan's
 * name that way, so a plan's {@code *.example.com.} matches the {@code \052.example.com.} Route 53 lists. Whether
 * ListResourceRecordSets sorts the escaped or the raw form is not documented (ListHostedZonesByName documents the
 * escaped form); this order uses the escaped form, and {@link Route53Weights#read} does not depend on the answer:
 * a pair not found in the range is read again by its own name.
 */
final class RecordOrder {
  private RecordOrder() {}

  static final Comparator<RecordPair> PAIRS = (a, b) -> compare(a.name(), a.type(), b.name(), b.type());

  static int compare(String nameA, String typeA, String nameB, String typeB) {
    int byName = sortKey(nameA).compareTo(sortKey(nameB));
    return byName != 0 ? byName : typeA.toUpperCase(Locale.ROOT).compareTo(typeB.toUpperCase(Locale.ROOT));
  }

  /** True when both name the same record name, whichever way each is written (raw or escaped, case, dot). */
  static boolean sameName(String a, String b) {
    return canonical(a).equals(canonical(b));
  }

  /**
   * The name as Route 53 returns it: lowercase, trailing dot, characters outside {@code a-z 0-9 - _} as
   * {@code \ooo} escapes; an existing {@code \ooo} escape is kept (with a letter's code lowercased).
   */
  static String canonical(String name) {
    String n = name.strip();
    StringBuilder out = new StringBuilder(n.length() + 8);
    for (int i = 0; i < n.length(); i++) {
      char c = n.charAt(i);
      if (c == '.') {
        out.append(c);
      } else if (c == '\\' && i + 3 < n.length() && n.substring(i + 1, i + 4).matches("[0-3][0-7][0-7]")) {
        append(out, Integer.parseInt(n.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        append(out, c);
      }
    }
    if (out.length() == 0 || out.charAt(out.length() - 1) != '.') {
      out.append('.');
    }
    return out.toString();
  }

  private static void append(StringBuilder out, int code) {
    int c = code >= 'A' && code <= 'Z' ? code + ('a' - 'A') : code;
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_') {
      out.append((char) c);
    } else {
      out.append('\\').append(String.format(Locale.ROOT, "%03o", c & 0xff));
    }
  }

  /** {@code api.example.com.} → {@code com.example.api.}: the canonical name's labels reversed, one string. */
  static String sortKey(String name) {
    String n = canonical(name);
    String[] labels = n.substring(0, n.length() - 1).split("\\.", -1);
    StringBuilder key = new StringBuilder(n.length());
    for (int i = labels.length - 1; i >= 0; i--) {
      key.append(labels[i]).append('.');
    }
    return key.toString();
  }
}
