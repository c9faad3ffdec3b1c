package dev.cutover.sandbox.route53;

import java.util.Objects;

/** One change of a batch: an action and the full record set it names. */
public record Change(ChangeAction action, RecordSet record) {
  public Change {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(record, "record");
  }
}
