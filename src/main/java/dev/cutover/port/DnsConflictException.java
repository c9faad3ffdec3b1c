package dev.cutover.port;

import java.util.List;

/** A guarded change batch was rejected because a record is not what the controller read: nothing applied. */
public final class DnsConflictException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final List<String> details;

  public DnsConflictException(List<String> details) {
    super("records changed by someone else, nothing applied: " + String.join("; ", details));
    this.details = List.copyOf(details);
  }

  /** One line per record: name, type, SetIdentifier, the value expected and the value found. */
  public List<String> details() {
    return details;
  }
}
