package dev.cutover.aws;

import dev.cutover.domain.RecordPair;
import java.util.Comparator;
import java.util.Locale;

/**
 * Route 53's order of ListResourceRecordSets: names compared label by label from the right
 * ({@code com.example.api}), then the type. Lets one paginated read cover every pair of a plan.
 */
final class RecordOrder {
  private RecordOrder() {}

  static final Comparator<RecordPair> PAIRS = (a, b) -> compare(a.name(), a.type(), b.name(), b.type());

  static int compare(String nameA, String typeA, String nameB, String typeB) {
    String[] a = labels(nameA);
    String[] b = labels(nameB);
    for (int i = 0; i < Math.min(a.length, b.length); i++) {
      int c = a[a.length - 1 - i].compareTo(b[b.length - 1 - i]);
      if (c != 0) {
        return c;
      }
    }
    int byLength = Integer.compare(a.length, b.length);
    return byLength != 0 ? byLength : typeA.toUpperCase(Locale.ROOT).compareTo(typeB.toUpperCase(Locale.ROOT));
  }

  private static String[] labels(String name) {
    String n = RecordPair.normalizeName(name);
    return n.substring(0, n.length() - 1).split("\\.");
  }
}
