package dev.cutover.engine;

import dev.cutover.domain.CutoverEvent;
import dev.cutover.domain.CutoverState;
import dev.cutover.domain.PairState;
import dev.cutover.domain.Plan;
import dev.cutover.domain.Split;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reconciles an unfinished journal with the actual weights after a restart (runbooks/crash-and-resume.md): the
 * journal says what the controller intended and saw; the world says what is true. Pure.
 */
public final class Recovery {
  private Recovery() {}

  /** What to do with an unfinished cutover. */
  public sealed interface Verdict {
    /** Continue from a READY state (a fresh bake of the current step, or the next step's shift). */
    /**
     * @param awaitChangeId a journalled change to wait INSYNC for before the bake, or null
     * @param landedWithoutId the change in flight landed but its id was never journalled: wait Route 53's INSYNC
     *     bound before the bake clock starts
     * @param pausedBy the operator who had paused the cutover (it stays paused after the restart), or null
     */
    record Continue(CutoverState state, String awaitChangeId, boolean landedWithoutId, String note,
        String pausedBy) implements Verdict {
      public Continue(CutoverState state, String awaitChangeId, boolean landedWithoutId, String note) {
        this(state, awaitChangeId, landedWithoutId, note, null);
      }
    }

    /** The journal recorded a revert that the world shows done: end it as the revert's cause says. */
    record Reverted(CutoverState state, String note) implements Verdict {}

    /** A revert was intended but not confirmed: issue it again (UPSERT is idempotent). */
    record RevertAgain(CutoverState state, String note) implements Verdict {}

    /** The journal cannot explain the world: stop and report each record. */
    record Drift(List<String> details) implements Verdict {}

    /**
     * Someone else put every pair back to 100% Heroku (a rollback the journal never saw, the AWS CLI, the
     * console): end as stopped by an operator, exactly as a live run does, and never shift again.
     */
    record RevertedByOthers(CutoverState state, List<String> details) implements Verdict {}
  }

  /** The events of the last cutover in a journal, if it has not finished. */
  public static List<CutoverEvent> unfinished(List<CutoverEvent> journal) {
    int start = -1;
    for (int i = journal.size() - 1; i >= 0; i--) {
      if (journal.get(i) instanceof CutoverEvent.Started) {
        start = i;
        break;
      }
    }
    if (start < 0) {
      return List.of();
    }
    List<CutoverEvent> last = journal.subList(start, journal.size());
    boolean finished = last.stream().anyMatch(e -> e instanceof CutoverEvent.Finished
        || e instanceof CutoverEvent.PreflightFailed);
    return finished ? List.of() : List.copyOf(last);
  }

  public static Verdict reconcile(Plan plan, List<CutoverEvent> events, List<PairState> world) {
    String id = ((CutoverEvent.Started) events.get(0)).cutoverId();
    int step = -1;
    Split live = Split.ALL_HEROKU;
    CutoverEvent.ShiftIntent inFlight = null;
    String inFlightChange = null;
    CutoverEvent.RevertIntent revert = null;
    boolean approvedNext = false;
    String pausedBy = null;
    java.time.Duration soaked = null; // non-null once the soak began: how much of it was journalled as watched
    for (CutoverEvent e : events) {
      pausedBy = paused(e, pausedBy);
      if (e instanceof CutoverEvent.SoakStarted) {
        soaked = java.time.Duration.ZERO;
      } else if (e instanceof CutoverEvent.SoakProgress p && soaked != null) {
        soaked = p.soaked();
      }
      if (e instanceof CutoverEvent.ShiftIntent s) {
        inFlight = s;
        inFlightChange = null;
      } else if (e instanceof CutoverEvent.ChangeSubmitted c && inFlight != null && revert == null) {
        inFlightChange = c.changeId();
      } else if (e instanceof CutoverEvent.ChangeInSync c && inFlight != null && revert == null) {
        step = inFlight.step();
        live = c.split();
        inFlight = null;
        inFlightChange = null;
        approvedNext = false;
      } else if (e instanceof CutoverEvent.Approved) {
        approvedNext = true;
      } else if (e instanceof CutoverEvent.RevertIntent r) {
        revert = r;
      }
    }
    Optional<Split> actual = common(world);
    if (revert != null) {
      CutoverState reverting = CutoverState.ready(id, step, live).reverting(revert.cause(), revert.reason());
      if (actual.isPresent() && actual.get().equals(Split.ALL_HEROKU)) {
        return new Verdict.Reverted(reverting, "the journalled revert is in place: every pair at 100% Heroku");
      }
      return new Verdict.RevertAgain(reverting, "a revert was journalled but not confirmed: issuing it again");
    }
    if (actual.isEmpty()) {
      return new Verdict.Drift(details(world, live, inFlight == null ? null : inFlight.to()));
    }
    Split a = actual.get();
    boolean movedBefore = live.percent() > 0 || inFlightChange != null;
    if (a.equals(Split.ALL_HEROKU) && movedBefore && (inFlight == null || !inFlight.to().equals(a))) {
      List<String> why = new ArrayList<>(details(world, live, inFlight == null ? null : inFlight.to()));
      if (inFlightChange != null) {
        why.add("Route 53 accepted change " + inFlightChange + " to " + inFlight.to()
            + " before the crash, so it landed: someone reverted it");
      }
      return new Verdict.RevertedByOthers(CutoverState.ready(id, step, live), why);
    }
    if (inFlight != null && inFlightChange != null && a.equals(live)) {
      // Route 53 accepted the change (we have its id): it landed, and the records are back where they were
      return new Verdict.Drift(List.of("change " + inFlightChange + " to " + inFlight.to() + " was accepted by"
          + " Route 53 before the crash, yet every pair reads " + a + ": someone changed them back"));
    }
    if (inFlight != null && a.equals(inFlight.to())) {
      CutoverState s = CutoverState.ready(id, inFlight.step(), a);
      return new Verdict.Continue(s, inFlightChange, inFlightChange == null,
          "the change to " + a + " in flight at the crash landed;"
          + " step " + (inFlight.step() + 1) + " bakes again from the start" + stillPaused(pausedBy), pausedBy);
    }
    if (a.equals(live) && soaked != null && inFlight == null) {
      // the soak goes on from its last journalled progress: never shortened, and the time nobody watched not counted
      return new Verdict.Continue(CutoverState.ready(id, step, live).soaking(null, soaked), null, false,
          "soaking at " + live + ": " + dev.cutover.plan.Durations.format(soaked) + " of the soak was watched"
              + " before; it goes on from there", null);
    }
    if (a.equals(live)) {
      CutoverState s = CutoverState.ready(id, step, live);
      if (approvedNext) {
        s = s.withApproved();
      }
      String note = inFlight != null
          ? "the change to " + inFlight.to() + " in flight at the crash did not land; re-issuing it"
          : step >= 0 ? "world at step " + (step + 1) + " (" + live + "): it bakes again from the start"
              : "nothing was changed yet: starting";
      return new Verdict.Continue(s, null, false, note + stillPaused(pausedBy), pausedBy);
    }
    return new Verdict.Drift(details(world, live, inFlight == null ? null : inFlight.to()));
  }

  /** Who has the cutover paused after {@code e}, given who had it paused before (null: nobody). */
  private static String paused(CutoverEvent e, String before) {
    if (e instanceof CutoverEvent.OperatorRequest r) {
      if (r.command() == dev.cutover.domain.OperatorCommand.Kind.PAUSE
          && (r.effect().startsWith("paused") || r.effect().startsWith("will pause"))) {
        return r.by();
      }
      if (r.command() == dev.cutover.domain.OperatorCommand.Kind.RESUME && r.effect().startsWith("resumed")) {
        return null;
      }
    }
    return before;
  }

  private static String stillPaused(String by) {
    return by == null ? "" : "; it stays paused, as " + by + " left it (resume to go on)";
  }

  private static Optional<Split> common(List<PairState> world) {
    if (world.isEmpty()) {
      return Optional.empty();
    }
    Optional<Split> first = world.get(0).split();
    if (first.isEmpty()) {
      return Optional.empty();
    }
    return world.stream().allMatch(p -> p.isExactly(first.get())) ? first : Optional.empty();
  }

  private static List<String> details(List<PairState> world, Split journalled, Split inFlight) {
    List<String> out = new ArrayList<>();
    for (PairState p : world) {
      out.add(p.pair().label() + ": found " + p.weights() + "; the journal expects heroku="
          + journalled.herokuWeight() + " aws=" + journalled.awsWeight()
          + (inFlight == null ? "" : " (or heroku=" + inFlight.herokuWeight() + " aws=" + inFlight.awsWeight()
              + " if the change in flight landed)"));
    }
    return out;
  }
}
