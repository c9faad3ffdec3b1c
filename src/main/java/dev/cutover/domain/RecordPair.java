package dev.cutover.domain;

import java.util.Locale;
import java.util.Objects;

/**
 * One name + type in the plan's hosted zone, with the SetIdentifiers of its Heroku and AWS weighted records.
 * The name is normalized to lowercase with a trailing dot, as Route 53 returns it.
 */
public record RecordPair(String name, String type, String heroku, String aws) {

  public RecordPair {
    Objects.requireNonNull(name, "record name");
    Objects.requireNonNull(type, "record type");
    Objects.requireNonNull(heroku, "heroku SetIdentifier");
    Objects.requireNonNull(aws, "aws SetIdentifier");
    name = normalizeName(name);
    type = type.toUpperCase(Locale.ROOT);
    if (heroku.equals(aws)) {
      throw new IllegalArgumentException(
          "record " + name + ": heroku and aws SetIdentifiers must differ, both are '" + heroku + "'");
    }
  }

  public static String normalizeName(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    return n.endsWith(".") ? n : n + ".";
  }

  /** "api.example.com. CNAME" — how messages name the pair. */
  public String label() {
    return name + " " + type;
  }

  @Override
  public String toString() {
    return label();
  }
}
