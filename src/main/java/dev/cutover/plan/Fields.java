package dev.cutover.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Typed reads from the YAML tree. Each read reports a wrong or missing value as a problem with its path and
 * returns empty, so that the walk goes on and finds every other problem too.
 */
final class Fields {
  private final Problems problems;

  Fields(Problems problems) {
    this.problems = problems;
  }

  Problems problems() {
    return problems;
  }

  /** The value at {@code key}, or null when it is absent or written empty ({@code key:} or {@code key: ~}). */
  static JsonNode get(ObjectNode parent, String key) {
    JsonNode n = parent.get(key);
    return n == null || n.isNull() ? null : n;
  }

  /** Reports every key of {@code node} not in {@code known}, suggesting the closest known key. */
  void refuseUnknownKeys(ObjectNode node, String path, List<String> known) {
    node.fieldNames().forEachRemaining(key -> {
      if (key.equals("<<")) {
        problems.error(Paths.child(path, key), "YAML merge keys (`<<`) are not supported",
            "write the keys out in full: a plan should read the same to people and to the loader");
      } else if (!known.contains(key)) {
        Optional<String> close = closest(key, known);
        problems.error(Paths.child(path, key), "unknown key `" + key + "`",
            close.map(c -> "did you mean `" + c + "`?")
                .orElse("known keys here are: " + String.join(", ", known)));
      }
    });
  }

  /**
   * A document's root: a mapping whose keys are all {@code known} (others reported), or empty (reported) when it
   * is no mapping.
   *
   * @param what "a plan is a mapping of keys (name, zone, ...)"
   */
  Optional<ObjectNode> root(JsonNode node, String what, List<String> known, String start) {
    if (!(node instanceof ObjectNode root)) {
      problems.error("", what + ", but this file holds " + describe(node), "start from " + start);
      return Optional.empty();
    }
    refuseUnknownKeys(root, "", known);
    return Optional.of(root);
  }

  Optional<ObjectNode> object(JsonNode node, String path, String example) {
    if (node instanceof ObjectNode o) {
      return Optional.of(o);
    }
    problems.error(path, "expected a mapping of keys, got " + describe(node), "write it like: " + example);
    return Optional.empty();
  }

  /** The value of {@code key}, or null (reporting it when {@code required}) when the key is absent. */
  private JsonNode present(ObjectNode parent, String key, String at, boolean required, String example) {
    JsonNode n = get(parent, key);
    if (n == null && required) {
      problems.error(at, "`" + key + "` is missing", "add it, e.g. " + key + ": " + example);
    }
    return n;
  }

  /** A required or optional text; numbers are taken as their text, lists, mappings and booleans are not. */
  Optional<String> text(ObjectNode parent, String key, String path, boolean required, String example) {
    String at = Paths.child(path, key);
    JsonNode n = present(parent, key, at, required, example);
    if (n == null) {
      return Optional.empty();
    }
    return textValue(n, at, example);
  }

  Optional<String> textValue(JsonNode n, String at, String example) {
    if (n.isTextual() || n.isNumber()) {
      return Optional.of(n.asText());
    }
    problems.error(at, "expected text, got " + describe(n),
        n.isBoolean() ? "quote it if you mean the word: \"" + n.asText() + "\"" : "write it like " + example);
    return Optional.empty();
  }

  Optional<Duration> duration(ObjectNode parent, String key, String path, boolean required, String example) {
    String at = Paths.child(path, key);
    JsonNode n = present(parent, key, at, required, example);
    if (n == null) {
      return Optional.empty();
    }
    if (n.isNumber()) {
      problems.error(at, "`" + n.asText() + "` has no unit",
          "write a duration with its unit, e.g. write 90s or 10m (or 500ms, 1h30m)");
      return Optional.empty();
    }
    if (!n.isTextual()) {
      problems.error(at, "expected a duration, got " + describe(n), "write it like " + example);
      return Optional.empty();
    }
    Optional<Duration> d = Durations.parse(n.asText());
    if (d.isEmpty()) {
      problems.error(at, "`" + n.asText() + "` is not a duration",
          "write it like 90s, 10m, 1h or 1h30m (units h, m, s, ms, largest first, no spaces)");
    }
    return d;
  }

  OptionalInt integer(ObjectNode parent, String key, String path, boolean required, String example) {
    String at = Paths.child(path, key);
    JsonNode n = present(parent, key, at, required, example);
    if (n == null) {
      return OptionalInt.empty();
    }
    if (n.isIntegralNumber() && n.canConvertToInt()) {
      return OptionalInt.of(n.intValue());
    }
    if (n.isNumber() && n.decimalValue().stripTrailingZeros().scale() <= 0 && n.canConvertToInt()) {
      return OptionalInt.of(n.intValue());
    }
    problems.error(at, "expected a whole number, got " + describe(n),
        "write a whole number without quotes or units, e.g. " + key + ": " + example);
    return OptionalInt.empty();
  }

  Optional<Double> number(ObjectNode parent, String key, String path, String example) {
    JsonNode n = get(parent, key);
    if (n == null) {
      return Optional.empty();
    }
    if (n.isNumber()) {
      return Optional.of(n.doubleValue());
    }
    problems.error(Paths.child(path, key), "expected a number, got " + describe(n),
        "write a plain number, e.g. " + key + ": " + example);
    return Optional.empty();
  }

  Optional<Boolean> bool(ObjectNode parent, String key, String path) {
    JsonNode n = get(parent, key);
    if (n == null) {
      return Optional.empty();
    }
    if (n.isBoolean()) {
      return Optional.of(n.booleanValue());
    }
    problems.error(Paths.child(path, key), "expected true or false, got " + describe(n),
        "write " + key + ": true or " + key + ": false");
    return Optional.empty();
  }

  /** A non-empty list, reporting a missing, empty or non-list value. */
  Optional<List<JsonNode>> list(ObjectNode parent, String key, String path, String example) {
    String at = Paths.child(path, key);
    JsonNode n = get(parent, key);
    if (n == null) {
      problems.error(at, "`" + key + "` is missing or empty", "add at least one, e.g. " + example);
      return Optional.empty();
    }
    if (!n.isArray()) {
      problems.error(at, "expected a list, got " + describe(n), "write it as a list, e.g. " + example);
      return Optional.empty();
    }
    if (n.isEmpty()) {
      problems.error(at, "`" + key + "` is empty", "add at least one, e.g. " + example);
      return Optional.empty();
    }
    List<JsonNode> items = new ArrayList<>();
    n.forEach(items::add);
    return Optional.of(items);
  }

  /** How a value appears in a message: its text quoted, or its kind. */
  static String describe(JsonNode n) {
    if (n == null || n.isNull() || n.isMissingNode()) {
      return "nothing";
    }
    if (n.isArray()) {
      return "a list";
    }
    if (n.isObject()) {
      return "a mapping";
    }
    if (n.isBoolean()) {
      return "`" + n.asText() + "` (true/false)";
    }
    return "`" + n.asText() + "`";
  }

  /** The known word closest to {@code word}, when it is close enough to be a likely typo. */
  static Optional<String> closest(String word, List<String> known) {
    record Candidate(String key, int distance) {}
    String w = squash(word);
    return known.stream()
        .map(k -> new Candidate(k, levenshtein(w, squash(k))))
        .filter(c -> c.distance() <= Math.max(2, c.key().length() / 3))
        .min(Comparator.comparingInt(Candidate::distance))
        .map(Candidate::key);
  }

  private static String squash(String s) {
    return s.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
  }

  private static int levenshtein(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
