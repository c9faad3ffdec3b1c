package dev.cutover.engine;

import dev.cutover.domain.CutoverEvent;
import dev.cutover.domain.CutoverState;
import dev.cutover.domain.PairState;
import dev.cutover.domain.Phase;
import dev.cutover.domain.Split;
import dev.cutover.engine.Observation.WorldRead;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The world is the truth (README, "The world is the truth"): the actual weights must be what the controller wrote. Checked in
 * every phase where the controller knows what they must be: while baking, waiting for approval or paused (the
 * current split), and while waiting for INSYNC (the split before or after the accepted change, never anything
 * else). A read asked for before the expected weights last changed cannot judge and is ignored, as are reads while
 * a change is being submitted or a revert runs.
 */
final class WorldJudge {
  private final Decider decider;

  WorldJudge(Decider decider) {
    this.decider = decider;
  }

  Decision judge(CutoverState s, WorldRead r) {
    if (!judgeable(s, r.now())) {
      return Decision.nothing(s);
    }
    List<PairState> world = r.world();
    Split expected = s.split();
    if (s.phase() == Phase.SHIFTING && world.stream().allMatch(p -> p.isExactly(s.target()))) {
      return Decision.nothing(s);
    }
    List<String> details = new ArrayList<>();
    boolean allHeroku = true;
    for (PairState pair : world) {
      if (!pair.isExactly(expected)) {
        details.add(s.phase() == Phase.SHIFTING ? pair.mismatch(expected, s.target()) : pair.mismatch(expected));
      }
      allHeroku &= pair.isExactly(Split.ALL_HEROKU);
    }
    if (details.isEmpty()) {
      return Decision.nothing(s);
    }
    Instant now = r.now();
    List<CutoverEvent> events = new ArrayList<>();
    if (allHeroku) {
      events.add(new CutoverEvent.Drift(now, details, true));
      return decider.finish(s, Phase.ABORTED, Split.ALL_HEROKU,
          "someone else put every record back to 100% Heroku (a manual rollback): stopping", events, now);
    }
    events.add(new CutoverEvent.Drift(now, details, false));
    return decider.finish(s, Phase.CONFLICT, s.split(),
        "weights changed outside this run: " + String.join("; ", details), events, now);
  }

  private static boolean judgeable(CutoverState s, Instant askedAt) {
    return watching(s) && (s.worldSince() == null || !askedAt.isBefore(s.worldSince()));
  }

  /** Whether the weights can be judged in this state at all: no read is worth making otherwise. */
  static boolean watching(CutoverState s) {
    return switch (s.phase()) {
      case BAKING, AWAITING_APPROVAL, PAUSED, SOAKING -> true;
      case SHIFTING -> s.changeId() != null;
      default -> false;
    };
  }
}
