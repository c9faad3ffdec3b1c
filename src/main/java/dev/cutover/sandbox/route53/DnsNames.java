package dev.cutover.sandbox.route53;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** DNS name handling the way Route 53 does it: lowercase, absolute (trailing dot), labels compared reversed. */
public final class DnsNames {
  private DnsNames() {}

  /** Lowercases, adds the trailing dot and turns Route 53's octal escape {@code \052} back into {@code *}. */
  public static String normalize(String name) {
    String n = name.trim().replace("\\052", "*").toLowerCase(Locale.ROOT);
    return n.endsWith(".") ? n : n + ".";
  }

  /** The name as Route 53 returns it on the wire: a leading wildcard written as {@code \052}. */
  public static String wire(String normalizedName) {
    return normalizedName.replace("*", "\\052");
  }

  /** Labels from the root down: {@code api.example.com.} gives {@code [com, example, api]}. */
  public static List<String> reversedLabels(String normalizedName) {
    String body = normalizedName.endsWith(".")
        ? normalizedName.substring(0, normalizedName.length() - 1)
        : normalizedName;
    if (body.isEmpty()) {
      return List.of();
    }
    List<String> labels = Arrays.asList(body.split("\\.", -1));
    java.util.Collections.reverse(labels);
    return List.copyOf(labels);
  }

  /** Compares two normalized names label by label from the root, as Route 53 sorts record sets and zones. */
  public static int compare(String a, String b) {
    List<String> la = reversedLabels(a);
    List<String> lb = reversedLabels(b);
    for (int i = 0; i < Math.min(la.size(), lb.size()); i++) {
      int c = la.get(i).compareTo(lb.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(la.size(), lb.size());
  }

  /** True if {@code name} is {@code zone} itself or below it (both normalized). */
  public static boolean isWithin(String name, String zone) {
    return name.equals(zone) || name.endsWith("." + zone);
  }

  /** Basic syntax check for a normalized name; returns a reason or null when valid. */
  public static String problem(String normalizedName) {
    if (normalizedName.length() > 255) {
      return "DNS name is longer than 255 characters";
    }
    if (normalizedName.equals(".") || normalizedName.contains("..")) {
      return "DNS name contains an empty label";
    }
    for (String label : reversedLabels(normalizedName)) {
      if (label.length() > 63) {
        return "DNS name label is longer than 63 characters";
      }
    }
    return null;
  }
}
