package dev.cutover.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.cutover.plan.Durations;
import dev.cutover.sandbox.traffic.Backend.Side;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Reads a scenario file. Every problem names the field path ({@code faults[1].aws.errorRate}) and the fix; all of
 * them are reported together in one {@link IllegalArgumentException}.
 *
 * <pre>
 * name: slow-aws                # optional, default: the file name
 * description: AWS gets slow    # optional
 * faults:
 *   - whenSplitAtLeast: 5       # trigger: the AWS share of the records (percent) has reached 5
 *     at: 90s                   # trigger: and 90 s of simulated time have passed since the scenario started
 *     for: 2m                   # optional: the fault ends after 2 minutes (default: it lasts)
 *     aws.latencyFactor: 4      # the effect, exactly one per fault
 * </pre>
 */
final class ScenarioParser {
  static final List<String> EFFECTS = List.of("aws.errorRate", "aws.latencyFactor", "heroku.errorRate",
      "heroku.latencyFactor", "route53.throttle", "route53.errors", "cloudwatch.unavailable", "cloudwatch.throttle");
  private static final List<String> TRIGGERS = List.of("at", "whenSplitAtLeast", "for");
  private static final List<String> TOP = List.of("name", "description", "faults");
  private static final YAMLMapper YAML = new YAMLMapper();

  private final String source;
  private final List<String> problems = new ArrayList<>();

  private ScenarioParser(String source) {
    this.source = source;
  }

  static Scenario parse(String yaml, String source, String defaultName) {
    return new ScenarioParser(source).read(yaml, defaultName);
  }

  private Scenario read(String yaml, String defaultName) {
    JsonNode root;
    try {
      root = YAML.readTree(yaml);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
      throw new IllegalArgumentException("scenario " + source + ": not valid YAML" + where + " ("
          + e.getOriginalMessage() + "); check the indentation: each fault is a `- ` item under `faults:`");
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      throw fail("the file is empty; write `faults:` with a list of faults, or `faults: []` for none");
    }
    if (!root.isObject()) {
      throw fail("a scenario is a mapping with name, description and faults; this file holds a "
          + root.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
    }
    unknownKeys(root, "", TOP);
    String name = text(root, "name").orElse(defaultName);
    String description = text(root, "description").orElse("");
    List<Fault> faults = new ArrayList<>();
    JsonNode list = root.get("faults");
    if (list == null) {
      problems.add("faults: missing; write `faults:` with a list of faults, or `faults: []` for none");
    } else if (!list.isArray() && !list.isNull()) {
      problems.add("faults: must be a list (each item starts with `- `)");
    } else if (list.isArray()) {
      for (int i = 0; i < list.size(); i++) {
        fault(list.get(i), "faults[" + i + "]").ifPresent(faults::add);
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("scenario " + source + " has " + problems.size() + " problem"
          + (problems.size() == 1 ? "" : "s") + ":\n  " + String.join("\n  ", problems));
    }
    return new Scenario(name, description, faults);
  }

  private IllegalArgumentException fail(String problem) {
    return new IllegalArgumentException("scenario " + source + ": " + problem);
  }

  private Optional<Fault> fault(JsonNode node, String path) {
    if (!node.isObject()) {
      problems.add(path + ": a fault is a mapping like `{ whenSplitAtLeast: 50, aws.errorRate: 0.08 }`");
      return Optional.empty();
    }
    List<String> known = new ArrayList<>(TRIGGERS);
    known.addAll(EFFECTS);
    unknownKeys(node, path + ".", known);
    int before = problems.size();
    Duration at = duration(node, "at", path).orElse(null);
    Duration duration = duration(node, "for", path).orElse(null);
    Integer split = null;
    JsonNode s = node.get("whenSplitAtLeast");
    if (s != null) {
      if (s.isIntegralNumber() && s.asInt() >= 0 && s.asInt() <= 100) {
        split = s.asInt();
      } else {
        problems.add(path + ".whenSplitAtLeast: `" + s.asText() + "` is not a whole percent from 0 to 100;"
            + " write e.g. whenSplitAtLeast: 50");
      }
    }
    if (node.get("at") == null && s == null) {
      problems.add(path + ": no trigger; add `at: 2m` (time since the scenario started) and/or"
          + " `whenSplitAtLeast: 50` (AWS share of the records)");
    }
    List<String> effects = new ArrayList<>();
    node.fieldNames().forEachRemaining(k -> {
      if (EFFECTS.contains(k)) {
        effects.add(k);
      }
    });
    Effect effect = null;
    if (effects.isEmpty()) {
      problems.add(path + ": no effect; add one of " + String.join(", ", EFFECTS));
    } else if (effects.size() > 1) {
      problems.add(path + ": " + effects.size() + " effects (" + String.join(", ", effects) + "); a fault has one"
          + " effect, so write one fault per effect with the same trigger");
    } else {
      effect = effect(effects.get(0), node.get(effects.get(0)), path + "." + effects.get(0));
    }
    if (problems.size() > before || effect == null) {
      return Optional.empty();
    }
    return Optional.of(new Fault(at, split, duration, effect));
  }

  private Effect effect(String key, JsonNode v, String path) {
    switch (key) {
      case "aws.errorRate", "heroku.errorRate" -> {
        if (v.isNumber() && v.asDouble() >= 0 && v.asDouble() <= 1) {
          return new Effect.ErrorRate(side(key), v.asDouble());
        }
        problems.add(path + ": `" + v.asText() + "` is not a share from 0 to 1; write e.g. " + key + ": 0.08"
            + " (8% of requests answer 5xx)");
      }
      case "aws.latencyFactor", "heroku.latencyFactor" -> {
        if (v.isNumber() && v.asDouble() > 0 && v.asDouble() <= 1000) {
          return new Effect.LatencyFactor(side(key), v.asDouble());
        }
        problems.add(path + ": `" + v.asText() + "` is not a factor above 0 and at most 1000; write e.g. " + key
            + ": 4 (every response 4 times slower)");
      }
      case "route53.errors" -> {
        if (v.isIntegralNumber() && (v.asInt() == 500 || v.asInt() == 503)) {
          return new Effect.Route53Errors(v.asInt());
        }
        problems.add(path + ": `" + v.asText() + "` is not an HTTP status the sandbox fails with; write"
            + " route53.errors: 503 (or 500)");
      }
      default -> {
        if (v.isBoolean() && v.asBoolean()) {
          return switch (key) {
            case "route53.throttle" -> new Effect.Route53Throttle();
            case "cloudwatch.unavailable" -> new Effect.CloudWatchUnavailable();
            default -> new Effect.CloudWatchThrottle();
          };
        }
        problems.add(path + ": `" + v.asText() + "` must be true; write " + key + ": true (remove the fault to"
            + " switch it off)");
      }
    }
    return null;
  }

  private static Side side(String key) {
    return key.startsWith("aws.") ? Side.AWS : Side.HEROKU;
  }

  private Optional<Duration> duration(JsonNode node, String key, String path) {
    JsonNode v = node.get(key);
    if (v == null) {
      return Optional.empty();
    }
    Optional<Duration> d = v.isTextual() ? Durations.parse(v.asText()) : Optional.empty();
    if (d.isEmpty()) {
      String example = key.equals("at") ? "2m" : "30s";
      problems.add(path + "." + key + ": `" + v.asText() + "` is not a duration; write it with its unit, e.g. "
          + key + ": " + (v.isNumber() ? v.asText() + "s" : example));
      return Optional.empty();
    }
    if (key.equals("for") && d.get().isZero()) {
      problems.add(path + ".for: must be longer than 0s; remove `for:` for a fault that lasts");
      return Optional.empty();
    }
    return d;
  }

  private Optional<String> text(JsonNode root, String key) {
    JsonNode v = root.get(key);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isValueNode()) {
      problems.add(key + ": must be text");
      return Optional.empty();
    }
    return Optional.of(v.asText());
  }

  private void unknownKeys(JsonNode node, String prefix, List<String> known) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!known.contains(k)) {
        problems.add(prefix + k + ": unknown key; known keys are " + String.join(", ", known)
            + suggestion(k, known));
      }
    }
  }

  private static String suggestion(String key, List<String> known) {
    for (String k : known) {
      if (k.equalsIgnoreCase(key) || k.replace(".", "").equalsIgnoreCase(key.replace(".", "").replace("_", ""))) {
        return " (did you mean " + k + "?)";
      }
    }
    return "";
  }
}
