package dev.cutover.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.domain.Split;
import dev.cutover.domain.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** The {@code steps:} section: splits that strictly increase to 100, each baking at least the settle time. */
final class StepRules {
  private static final List<String> KEYS = List.of("split", "bake", "approval");
  private static final String EXAMPLE = "steps: [{ split: 5, bake: 10m }, { split: 100, bake: 1h }]";

  private final Fields fields;
  private final Problems problems;

  StepRules(Fields fields) {
    this.fields = fields;
    this.problems = fields.problems();
  }

  /**
   * The steps, or empty when any is wrong.
   *
   * @param timing the plan's DNS timing, or empty when maxTtl or settle is itself wrong (bakes are then not
   *     compared with it)
   */
  Optional<List<Step>> read(ObjectNode root, Optional<Timing> timing) {
    Optional<List<JsonNode>> items = fields.list(root, "steps", "", EXAMPLE);
    if (items.isEmpty()) {
      return Optional.empty();
    }
    List<Step> steps = new ArrayList<>();
    boolean complete = true;
    Integer previous = null;
    int last = items.get().size() - 1;
    for (int i = 0; i <= last; i++) {
      String path = Paths.index("steps", i);
      Optional<ObjectNode> o = fields.object(items.get().get(i), path, "{ split: 50, bake: 30m }");
      if (o.isEmpty()) {
        complete = false;
        previous = null;
        continue;
      }
      fields.refuseUnknownKeys(o.get(), path, KEYS);
      OptionalInt split = split(o.get(), path, previous, i == last);
      boolean usable = split.isPresent() && splitInRange(split.getAsInt());
      previous = usable ? Integer.valueOf(split.getAsInt()) : null;
      Optional<Duration> bake = fields.duration(o.get(), "bake", path, true, "10m")
          .filter(b -> bakesLongEnough(b, Paths.child(path, "bake"), timing));
      boolean approval = fields.bool(o.get(), "approval", path).orElse(false);
      if (split.isEmpty() || bake.isEmpty() || !splitInRange(split.getAsInt())) {
        complete = false;
        continue;
      }
      steps.add(new Step(Split.of(split.getAsInt()), bake.get(), approval));
    }
    return complete ? Optional.of(steps) : Optional.empty();
  }

  private OptionalInt split(ObjectNode step, String path, Integer previous, boolean isLast) {
    String at = Paths.child(path, "split");
    OptionalInt split = fields.integer(step, "split", path, true, "50");
    if (split.isEmpty()) {
      return split;
    }
    int s = split.getAsInt();
    if (!splitInRange(s)) {
      problems.error(at, "split " + s + " is outside 1..100",
          "write the AWS share in percent, from 1 to 100 (0 is the starting point, not a step)");
    } else if (previous != null && s <= previous) {
      problems.error(at, s + " is not greater than the previous step's " + previous,
          "make each step's split larger than the one before");
    }
    if (isLast && s != 100) {
      problems.error(at, "the last step sends " + s + "% to AWS, not 100",
          "end with a step of split: 100, e.g. { split: 100, bake: 1h }");
    }
    return split;
  }

  private static boolean splitInRange(int s) {
    return s >= 1 && s <= 100;
  }

  private boolean bakesLongEnough(Duration bake, String path, Optional<Timing> timing) {
    if (timing.isEmpty() || bake.compareTo(timing.get().settle()) >= 0) {
      return true;
    }
    Timing t = timing.get();
    String at = Durations.format(t.settle());
    problems.error(path, "bake " + Durations.format(bake) + " is shorter than " + t.explain()
            + ": the step would be judged before clients see its split",
        t.explicit()
            ? "raise bake to at least " + at + ", or lower settle: (for rehearsals and tests only)"
            : "raise bake to at least " + at + ", or, for rehearsals and tests only, set settle: explicitly");
    return false;
  }
}
