package dev.cutover.sandbox.route53;

import java.time.Instant;
import java.util.List;

/** Emitted after a change batch has been committed, for dashboards and the traffic simulator. */
public record ChangeEvent(String changeId, String zoneId, Instant submittedAt, String comment, List<Change> changes) {
  public ChangeEvent {
    changes = List.copyOf(changes);
  }
}
