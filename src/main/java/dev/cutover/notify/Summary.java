package dev.cutover.notify;

import dev.cutover.domain.CutoverEvent;
import dev.cutover.domain.RevertCause;
import dev.cutover.plan.Durations;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.stream.Collectors;

/**
 * What a notice says, in words every sink uses: a title (what happened), and the reason (why, or what to do).
 * The plan, the step and the verdict come from the notice's {@link PlanContext}.
 */
public record Summary(String title, String reason) {
  /** No reason text longer than this: a chat line, an alert summary (PagerDuty takes up to 1024). */
  static final int MAX_REASON = 600;

  static Summary of(Notice n) {
    CutoverEvent e = n.event();
    int steps = n.context().steps();
    if (e instanceof CutoverEvent.Started s) {
      return of("cutover started by " + s.by(), "steps " + s.steps().stream().map(p -> p + "%")
          .collect(Collectors.joining(" → ")));
    } else if (e instanceof CutoverEvent.Resumed r) {
      return of("cutover resumed at " + (r.step() < 0 ? "0% on AWS" : "step " + (r.step() + 1) + "/" + steps
          + " (" + r.split() + " on AWS)"), r.note());
    } else if (e instanceof CutoverEvent.ApprovalRequested a) {
      return of("step " + (a.step() + 1) + "/" + steps + " (" + a.split() + " on AWS) waits for approval",
          "approve it in the dashboard or with `cutover resume`; the gates are still watched meanwhile");
    } else if (e instanceof CutoverEvent.StepCompleted s) {
      return of("step " + (s.step() + 1) + "/" + steps + " (" + s.split() + " on AWS) baked healthy for "
          + Durations.format(roughly(s.baked())) + (s.promoted() ? " (promoted)" : ""), "");
    } else if (e instanceof CutoverEvent.RevertIntent r) {
      return of("REVERTING to 100% Heroku: " + cause(r.cause()), r.reason() + " (trigger: " + r.trigger() + ")");
    } else if (e instanceof CutoverEvent.RevertFailed r) {
      return of("a revert attempt FAILED; retrying until it is applied", r.error());
    } else if (e instanceof CutoverEvent.PreflightFailed p) {
      return of("preflight failed; nothing was changed", String.join("; ", p.problems()));
    } else if (e instanceof CutoverEvent.Finished f) {
      return of(finished(f), f.reason() + " (exit " + f.exitCode() + ")");
    }
    return of(e.type(), "");
  }

  /** Whole seconds from 10 s up: "32s", not "32s371ms". */
  static Duration roughly(Duration d) {
    return d.compareTo(Duration.ofSeconds(10)) >= 0 ? d.truncatedTo(ChronoUnit.SECONDS) : d;
  }

  private static String cause(RevertCause cause) {
    return switch (cause) {
      case GATE -> "a gate tripped";
      case FAULT -> "AWS kept failing";
      case OPERATOR -> "asked by an operator";
    };
  }

  private static String finished(CutoverEvent.Finished f) {
    return switch (f.outcome()) {
      case COMPLETED -> "cutover COMPLETED: 100% on AWS";
      case ROLLED_BACK -> "ROLLED BACK by a gate: 100% on Heroku";
      case ABORTED -> "STOPPED by an operator: 100% on Heroku";
      case FAILED -> "AWS kept failing: REVERTED to 100% on Heroku";
      case CONFLICT -> "STOPPED: the records changed outside this cutover (conflict or drift); nothing was"
          + " overwritten";
      default -> "ended " + f.outcome();
    };
  }

  private static Summary of(String title, String reason) {
    String r = reason == null ? "" : reason.strip();
    return new Summary(title, r.length() > MAX_REASON ? r.substring(0, MAX_REASON - 1) + "…" : r);
  }
}
