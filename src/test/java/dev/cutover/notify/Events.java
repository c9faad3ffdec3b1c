package dev.cutover.notify;

import dev.cutover.domain.CutoverEvent;
import dev.cutover.domain.GateReading;
import dev.cutover.domain.Phase;
import dev.cutover.domain.Plan;
import dev.cutover.domain.RevertCause;
import dev.cutover.domain.Split;
import dev.cutover.domain.Verdict;
import dev.cutover.engine.Plans;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Test kit: the events of a cutover of {@link Plans#standard()} that reverts at 50%, and notices made of them. */
final class Events {
  static final Instant T0 = Instant.parse("2026-11-21T12:00:00Z");
  static final Plan PLAN = Plans.standard();
  static final URI DASHBOARD = URI.create("https://cutover.example.com");

  static final CutoverEvent STARTED = new CutoverEvent.Started(T0, "c-1", "api-prod", "alice", List.of(5, 50, 100));
  static final CutoverEvent SHIFT_50 = new CutoverEvent.ShiftIntent(at(60), 1, Split.of(5), Split.of(50));
  static final CutoverEvent BAKE_50 = new CutoverEvent.BakeStarted(at(70), 1, Split.of(50), Duration.ofMinutes(30));
  static final CutoverEvent BREACHED = new CutoverEvent.GatesRead(at(80), Verdict.BREACHED, List.of(
      new GateReading("api-5xx", Verdict.BREACHED, "ALARM: 5xx > 10 for 1 datapoint"),
      new GateReading("api-p99", Verdict.HEALTHY, "OK")));
  static final CutoverEvent REVERT = new CutoverEvent.RevertIntent(at(80), RevertCause.GATE, "gate api-5xx",
      "alarm breached at 50%: api-5xx <ALARM> & more");
  static final CutoverEvent ROLLED_BACK = new CutoverEvent.Finished(at(90), Phase.ROLLED_BACK, 4,
      "alarm breached at 50%: api-5xx");

  private Events() {}

  static Instant at(long seconds) {
    return T0.plusSeconds(seconds);
  }

  /** The notice of the last event, with the context folded from all of them. */
  static Notice notice(CutoverEvent... events) {
    PlanContext c = PlanContext.start(PLAN.steps().size());
    for (CutoverEvent e : events) {
      c = c.next(e);
    }
    CutoverEvent last = events[events.length - 1];
    return new Notice("n-1", PLAN, last, Classification.of(last).orElseThrow(), c, Optional.of(DASHBOARD));
  }

  /** The revert by a gate at 50%, after a breached reading. */
  static Notice revert() {
    return notice(STARTED, SHIFT_50, BAKE_50, BREACHED, REVERT);
  }
}
