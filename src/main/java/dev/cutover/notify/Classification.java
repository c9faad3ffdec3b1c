package dev.cutover.notify;

import dev.cutover.domain.CutoverEvent;
import dev.cutover.domain.NoticeKind;
import dev.cutover.domain.RevertCause;
import java.util.Optional;

/**
 * Which events people hear about, under which {@link NoticeKind}, and what each does to a PagerDuty alert
 * (docs/notifications.md has the table). An event that is none of these (a shift intent, a gate reading, a change
 * id...) is for the console, the journal and the API's event stream only.
 *
 * @param pager what a PagerDuty sink does with it
 */
public record Classification(NoticeKind kind, Pager pager) {

  /** A PagerDuty alert per plan: opened by what needs a person, resolved once traffic is safe again. */
  public enum Pager {
    NONE(null),
    /** Traffic at risk: a revert by a gate or a fault, a revert attempt that failed. */
    TRIGGER_CRITICAL("critical"),
    /** The cutover stopped in a conflict or drift: someone must decide. */
    TRIGGER_ERROR("error"),
    /** The cutover completed, or its revert is confirmed (100% on Heroku). */
    RESOLVE(null);

    private final String severity;

    Pager(String severity) {
      this.severity = severity;
    }

    /** PagerDuty's payload.severity of a trigger. */
    public String severity() {
      return severity;
    }

    public boolean triggers() {
      return severity != null;
    }
  }

  public static Optional<Classification> of(CutoverEvent e) {
    if (e instanceof CutoverEvent.Started || e instanceof CutoverEvent.Resumed) {
      return of(NoticeKind.STARTED, Pager.NONE);
    } else if (e instanceof CutoverEvent.ApprovalRequested) {
      return of(NoticeKind.APPROVAL_NEEDED, Pager.NONE);
    } else if (e instanceof CutoverEvent.StepCompleted) {
      return of(NoticeKind.STEP_COMPLETED, Pager.NONE);
    } else if (e instanceof CutoverEvent.RevertIntent r) {
      return of(NoticeKind.REVERTED, r.cause() == RevertCause.OPERATOR ? Pager.NONE : Pager.TRIGGER_CRITICAL);
    } else if (e instanceof CutoverEvent.RevertFailed) {
      return of(NoticeKind.FAILED, Pager.TRIGGER_CRITICAL);
    } else if (e instanceof CutoverEvent.PreflightFailed) {
      return of(NoticeKind.FAILED, Pager.NONE); // nothing was changed: nobody needs waking
    } else if (e instanceof CutoverEvent.Finished f) {
      return switch (f.outcome()) {
        case COMPLETED -> of(NoticeKind.COMPLETED, Pager.RESOLVE);
        case ROLLED_BACK, ABORTED -> of(NoticeKind.REVERTED, Pager.RESOLVE);
        // FAILED ends a fault's revert once it is INSYNC: traffic is safe, the alert its intent opened resolves
        case FAILED -> of(NoticeKind.FAILED, Pager.RESOLVE);
        // only ever after a Conflict or a Drift the records cannot explain: nothing overwritten, a person decides
        case CONFLICT -> of(NoticeKind.FAILED, Pager.TRIGGER_ERROR);
        default -> Optional.empty();
      };
    }
    return Optional.empty();
  }

  private static Optional<Classification> of(NoticeKind kind, Pager pager) {
    return Optional.of(new Classification(kind, pager));
  }
}
