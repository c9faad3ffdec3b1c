package dev.cutover.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What goes wrong during a sandbox run: a list of {@link Fault}s, each a trigger and an effect. Built in by name
 * ({@link #builtIn}) or read from a YAML file (format in {@link ScenarioParser}); run with {@link ScenarioRun}.
 */
public record Scenario(String name, String description, List<Fault> faults) {

  /** Built-in scenarios, written in the file format so that they document it. */
  private static final Map<String, String> BUILT_IN = new LinkedHashMap<>();

  static {
    BUILT_IN.put("happy", """
        description: no faults; every gate stays healthy and the cutover completes 5 -> 50 -> 100%
        faults: []
        """);
    BUILT_IN.put("aws-errors", """
        description: AWS answers 8% of requests with 5xx once the split reaches 50%; the 5xx-rate alarm trips \
        after 2 of 3 one-minute periods and the cutover reverts to Heroku
        faults:
          - { whenSplitAtLeast: 50, aws.errorRate: 0.08 }
        """);
    BUILT_IN.put("latency", """
        description: AWS responses get 4 times slower 90 s into the run, once the 5% step is live; p99 rises \
        above 0.5 s, the p99 alarm trips after 2 of 3 one-minute periods and the cutover reverts
        faults:
          - { whenSplitAtLeast: 5, at: 90s, aws.latencyFactor: 4 }
        """);
    BUILT_IN.put("throttling", """
        description: Route 53 throttles every call for 30 s right after the first shift; the controller retries \
        within its deadline and the cutover still completes
        faults:
          - { whenSplitAtLeast: 5, for: 30s, route53.throttle: true }
        """);
    BUILT_IN.put("cloudwatch-outage", """
        description: CloudWatch is unavailable for 60 s two minutes into the run; the gates read Unknown, and \
        after unknownLimit readings in a row the cutover reverts (could not measure is never healthy)
        faults:
          - { whenSplitAtLeast: 5, at: 2m, for: 60s, cloudwatch.unavailable: true }
        """);
  }

  public Scenario {
    Objects.requireNonNull(name, "name");
    description = description == null ? "" : description;
    faults = List.copyOf(faults);
  }

  /** The names of the built-in scenarios, in the order help lists them. */
  public static List<String> builtInNames() {
    return List.copyOf(BUILT_IN.keySet());
  }

  /** A built-in scenario by name; an unknown name is an {@link IllegalArgumentException} listing the known ones. */
  public static Scenario builtIn(String name) {
    String yaml = BUILT_IN.get(name);
    if (yaml == null) {
      throw new IllegalArgumentException("no built-in scenario `" + name + "`; use one of "
          + String.join(", ", BUILT_IN.keySet()) + ", or the path of a scenario file");
    }
    return ScenarioParser.parse(yaml, "built-in " + name, name);
  }

  /** A built-in name, or else the path of a YAML scenario file. */
  public static Scenario load(String nameOrPath) {
    if (BUILT_IN.containsKey(nameOrPath)) {
      return builtIn(nameOrPath);
    }
    Path file = Path.of(nameOrPath);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("`" + nameOrPath + "` is neither a built-in scenario ("
          + String.join(", ", BUILT_IN.keySet()) + ") nor a readable file; check the name or the path");
    }
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), file);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read scenario file " + file + " (" + e.getMessage()
          + "); check that it exists and is readable UTF-8 text");
    }
  }

  /** Parses scenario YAML; the default name is the file name without its extension. */
  public static Scenario parse(String yaml, Path source) {
    String base = source.getFileName() == null ? "scenario" : source.getFileName().toString();
    int dot = base.lastIndexOf('.');
    return ScenarioParser.parse(yaml, source.toString(), dot > 0 ? base.substring(0, dot) : base);
  }

  /** "aws-errors: AWS answers 8% of requests with 5xx once ..." — one line for help and progress output. */
  public String describe() {
    return name + ": " + (description.isEmpty() ? faults.isEmpty() ? "no faults"
        : String.join("; ", faults.stream().map(Fault::describe).toList()) : description);
  }
}
