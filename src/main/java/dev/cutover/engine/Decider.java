package dev.cutover.engine;

import dev.cutover.domain.CutoverEvent;
import dev.cutover.domain.CutoverState;
import dev.cutover.domain.OperatorCommand;
import dev.cutover.domain.Phase;
import dev.cutover.domain.Plan;
import dev.cutover.domain.RevertCause;
import dev.cutover.domain.Split;
import dev.cutover.engine.Observation.Begin;
import dev.cutover.engine.Observation.Command;
import dev.cutover.engine.Observation.GatesRead;
import dev.cutover.engine.Observation.RevertDone;
import dev.cutover.engine.Observation.RevertFailed;
import dev.cutover.engine.Observation.RevertSubmitted;
import dev.cutover.engine.Observation.ShiftFailed;
import dev.cutover.engine.Observation.ShiftInSync;
import dev.cutover.engine.Observation.ShiftRejected;
import dev.cutover.engine.Observation.ShiftSubmitted;
import dev.cutover.engine.Observation.WorldRead;
import java.time.Instant;
import java.util.List;

/**
 * The cutover state machine as a pure function: {@code decide(state, observation) -> decision}. No clock, no
 * I/O: time comes in the observation, effects go out as actions. Observations that do not fit the current
 * phase (a late INSYNC after a revert began, say) change nothing.
 */
public final class Decider {
  /** The change id journalled when a revert needed no change: the world already read 100% Heroku. */
  public static final String READ_BACK_ALL_HEROKU = "(no change needed: read-back shows 100% Heroku)";

  private final Plan plan;
  private final GateJudge gates;
  private final WorldJudge world;

  public Decider(Plan plan) {
    this.plan = plan;
    this.gates = new GateJudge(plan, this);
    this.world = new WorldJudge(this);
  }

  public Plan plan() {
    return plan;
  }

  public Decision decide(CutoverState s, Observation o) {
    if (s.phase().terminal()) {
      return Decision.nothing(s);
    }
    if (o instanceof Begin b) {
      return begin(s, b.now());
    } else if (o instanceof ShiftSubmitted x) {
      return onSubmitted(s, x);
    } else if (o instanceof ShiftInSync x) {
      return onInSync(s, x);
    } else if (o instanceof ShiftRejected x) {
      return onRejected(s, x);
    } else if (o instanceof ShiftFailed x) {
      return onShiftFailed(s, x);
    } else if (o instanceof GatesRead r) {
      return gates.judge(s, r);
    } else if (o instanceof WorldRead r) {
      return world.judge(s, r);
    } else if (o instanceof Command c) {
      return onCommand(s, c.now(), c.command());
    } else if (o instanceof RevertSubmitted x) {
      return onRevertSubmitted(s, x);
    } else if (o instanceof RevertDone x) {
      return onRevertDone(s, x);
    } else if (o instanceof RevertFailed x) {
      return onRevertFailed(s, x);
    }
    throw new IllegalStateException("unhandled observation " + o);
  }

  private Decision begin(CutoverState s, Instant now) {
    if (s.phase() == Phase.REVERTING) {
      // A restart found a journalled revert not yet confirmed: UPSERT again (idempotent).
      return new Decision(s, List.of(), List.of(new Action.Revert(s.revertCause(), s.reason())));
    }
    if (s.phase() != Phase.READY) {
      return Decision.nothing(s);
    }
    int step = s.stepIndex();
    if (step >= 0 && s.split().equals(plan.step(step).split())) {
      // A restart: the world is at the journalled step. Bake it again from scratch, never skip ahead.
      CutoverState next = s.baking(now);
      return new Decision(next, List.of(bakeStarted(now, next)), List.of());
    }
    return startNextStep(s, now, List.of());
  }

  /** Moves to step stepIndex + 1: asks for approval first when the step needs it and has not got it. */
  Decision startNextStep(CutoverState s, Instant now, List<CutoverEvent> before) {
    int next = s.stepIndex() + 1;
    var step = plan.step(next);
    var events = new java.util.ArrayList<>(before);
    if (step.approval() && !s.approved()) {
      CutoverState waiting = s.awaitingApproval();
      events.add(new CutoverEvent.ApprovalRequested(now, next, step.split()));
      return new Decision(waiting, events, List.of());
    }
    CutoverState shifting = s.shifting(next, step.split());
    events.add(new CutoverEvent.ShiftIntent(now, next, s.split(), step.split()));
    return new Decision(shifting, events, List.of(new Action.Shift(next, s.split(), step.split())));
  }

  CutoverEvent bakeStarted(Instant now, CutoverState s) {
    return new CutoverEvent.BakeStarted(now, s.stepIndex(), s.split(), plan.bakeOf(s.stepIndex()));
  }

  private Decision onSubmitted(CutoverState s, ShiftSubmitted x) {
    if (s.phase() != Phase.SHIFTING && s.phase() != Phase.PAUSED) {
      return Decision.nothing(s);
    }
    return new Decision(s.withChange(x.changeId(), x.now()),
        List.of(new CutoverEvent.ChangeSubmitted(x.now(), x.changeId(), s.target(), "shift", x.changes())),
        List.of(new Action.AwaitInSync(x.changeId())));
  }

  private Decision onInSync(CutoverState s, ShiftInSync x) {
    if (s.phase() != Phase.SHIFTING) {
      return Decision.nothing(s);
    }
    CutoverState baking = s.baking(x.now());
    List<CutoverEvent> events = List.of(
        new CutoverEvent.ChangeInSync(x.now(), x.changeId(), baking.split()), bakeStarted(x.now(), baking));
    if (s.pauseRequested()) {
      return new Decision(baking.paused(), events, List.of());
    }
    return new Decision(baking, events, List.of());
  }

  private Decision onRejected(CutoverState s, ShiftRejected x) {
    if (s.phase() != Phase.SHIFTING) {
      return Decision.nothing(s);
    }
    String why = "records changed by someone else; nothing was applied: " + String.join("; ", x.details());
    return finish(s, Phase.CONFLICT, s.split(), why,
        List.of(new CutoverEvent.Conflict(x.now(), x.details())), x.now());
  }

  private Decision onShiftFailed(CutoverState s, ShiftFailed x) {
    if (s.phase() != Phase.SHIFTING) {
      return Decision.nothing(s);
    }
    return revert(s, x.now(), RevertCause.FAULT, "aws",
        "shift to " + s.target() + " failed: " + x.error(),
        List.of(new CutoverEvent.ShiftFailed(x.now(), x.error())));
  }

  private Decision onCommand(CutoverState s, Instant now, OperatorCommand c) {
    Phase p = s.phase();
    return switch (c.kind()) {
      case PAUSE -> switch (p) {
        case BAKING, AWAITING_APPROVAL -> request(s.paused(), now, c, "paused: bake clock held, gates watched");
        case SHIFTING -> request(s.withPauseRequested(), now, c, "will pause once the change is INSYNC");
        default -> request(s, now, c, "ignored: nothing to pause in phase " + p);
      };
      case RESUME -> switch (p) {
        case PAUSED -> {
          CutoverState back = s.resumed(now);
          yield request(back, now, c, back.phase() == Phase.BAKING
              ? "resumed: bake clock runs again" : "resumed: still waiting for approval");
        }
        case AWAITING_APPROVAL -> startNextStep(s.withApproved(), now, List.of(
            new CutoverEvent.OperatorRequest(now, c.kind(), c.by(), "approved step " + (s.stepIndex() + 2)),
            new CutoverEvent.Approved(now, s.stepIndex() + 1, c.by())));
        default -> request(s, now, c, "ignored: nothing to resume in phase " + p);
      };
      case PROMOTE -> p == Phase.BAKING
          ? request(s.withPromote(true), now, c, "rest of the bake skipped at the next healthy poll once the settle time has passed")
          : request(s, now, c, "ignored: promote applies while baking, phase is " + p);
      case ABORT -> p == Phase.REVERTING
          ? request(s, now, c, "ignored: already reverting")
          : revert(s, now, RevertCause.OPERATOR, "operator " + c.by(), "aborted by " + c.by(),
              List.of(new CutoverEvent.OperatorRequest(now, c.kind(), c.by(), "reverting to 100% Heroku")));
    };
  }

  private static Decision request(CutoverState next, Instant now, OperatorCommand c, String effect) {
    return new Decision(next, List.of(new CutoverEvent.OperatorRequest(now, c.kind(), c.by(), effect)), List.of());
  }

  /** Starts a revert to 100% Heroku: the intent is journalled before the driver touches Route 53. */
  Decision revert(CutoverState s, Instant now, RevertCause cause, String trigger, String why,
      List<CutoverEvent> before) {
    var events = new java.util.ArrayList<>(before);
    events.add(new CutoverEvent.RevertIntent(now, cause, trigger, why));
    return new Decision(s.reverting(cause, why), events, List.of(new Action.Revert(cause, why)));
  }

  private Decision onRevertSubmitted(CutoverState s, RevertSubmitted x) {
    if (s.phase() != Phase.REVERTING) {
      return Decision.nothing(s);
    }
    return new Decision(s.withChange(x.changeId(), x.now()), List.of(
        new CutoverEvent.ChangeSubmitted(x.now(), x.changeId(), Split.ALL_HEROKU, "revert", x.changes())),
        List.of());
  }

  private Decision onRevertDone(CutoverState s, RevertDone x) {
    if (s.phase() != Phase.REVERTING) {
      return Decision.nothing(s);
    }
    // No change id: the read-back found every pair at 100% Heroku already (an earlier attempt landed but its
    // answer was lost, or the shift never landed). Journal that outcome too: the audit trail must show the revert
    // took effect, not only that attempts failed.
    List<CutoverEvent> events = List.of(new CutoverEvent.ChangeInSync(x.now(),
        x.changeId() != null ? x.changeId() : READ_BACK_ALL_HEROKU, Split.ALL_HEROKU));
    return finish(s, s.revertCause().ends(), Split.ALL_HEROKU, s.reason(), events, x.now());
  }

  private Decision onRevertFailed(CutoverState s, RevertFailed x) {
    if (s.phase() != Phase.REVERTING) {
      return Decision.nothing(s);
    }
    // A revert is never given up: it is retried until applied or the operator stops the process.
    return new Decision(s, List.of(new CutoverEvent.RevertFailed(x.now(), x.error())),
        List.of(new Action.Revert(s.revertCause(), s.reason())));
  }

  Decision finish(CutoverState s, Phase end, Split world, String why, List<CutoverEvent> before,
      Instant now) {
    CutoverState done = s.finished(end, world, why);
    var events = new java.util.ArrayList<>(before);
    events.add(new CutoverEvent.Finished(now, end, end.exitCode().code(), why));
    return new Decision(done, events, List.of(new Action.Finish(end, end.exitCode(), why)));
  }
}
