package dev.cutover.notify;

import dev.cutover.domain.CutoverEvent;
import dev.cutover.domain.GateReading;
import dev.cutover.domain.Split;
import dev.cutover.domain.Verdict;
import java.util.stream.Collectors;

/**
 * Where a cutover stands, folded from its events, for messages about events that do not say it themselves (a
 * revert intent names no step): the step and split live on Route 53 and the last gate reading.
 *
 * @param step the index of the live step, -1 before the first
 * @param verdict the last overall gate verdict, null before the first reading
 * @param gates the gates that were not healthy at that reading, with their detail; empty when all were
 */
public record PlanContext(int steps, int step, Split split, Verdict verdict, String gates, String cutoverId) {

  public static PlanContext start(int steps) {
    return new PlanContext(steps, -1, Split.ALL_HEROKU, null, "", null);
  }

  public PlanContext next(CutoverEvent e) {
    if (e instanceof CutoverEvent.Started s) {
      return new PlanContext(steps, -1, Split.ALL_HEROKU, null, "", s.cutoverId());
    } else if (e instanceof CutoverEvent.Resumed r) {
      return new PlanContext(steps, r.step(), r.split(), verdict, gates, cutoverId);
    } else if (e instanceof CutoverEvent.ShiftIntent s) {
      return new PlanContext(steps, s.step(), s.to(), verdict, gates, cutoverId);
    } else if (e instanceof CutoverEvent.BakeStarted b) {
      return new PlanContext(steps, b.step(), b.split(), verdict, gates, cutoverId);
    } else if (e instanceof CutoverEvent.StepCompleted s) {
      return new PlanContext(steps, s.step(), s.split(), verdict, gates, cutoverId);
    } else if (e instanceof CutoverEvent.GatesRead g) {
      String bad = g.readings().stream().filter(r -> r.verdict() != Verdict.HEALTHY)
          .map(PlanContext::reading).collect(Collectors.joining("; "));
      return new PlanContext(steps, step, split, g.overall(), bad, cutoverId);
    }
    return this;
  }

  private static String reading(GateReading r) {
    return r.gate() + " " + r.verdict() + (r.detail() == null || r.detail().isBlank() ? "" : " (" + r.detail() + ")");
  }

  /** "2/3 (50% on AWS)", or "none yet (0% on AWS)". */
  public String stepText() {
    return (step < 0 ? "none yet" : (step + 1) + "/" + steps) + " (" + split + " on AWS)";
  }

  /** "BREACHED: api-5xx BREACHED (...)", "HEALTHY", or "no gate reading yet". */
  public String verdictText() {
    if (verdict == null) {
      return "no gate reading yet";
    }
    return gates.isEmpty() ? verdict.name() : verdict + ": " + gates;
  }
}
