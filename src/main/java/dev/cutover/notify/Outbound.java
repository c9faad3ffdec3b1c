package dev.cutover.notify;

import dev.cutover.domain.Secret;
import java.time.Instant;
import java.util.List;

/** A sink's wire format: the HTTP request a notice becomes. Pure: no I/O. */
interface Outbound {

  /** Whether this sink sends anything for {@code n} (PagerDuty: only what opens or resolves an alert). */
  default boolean accepts(Notice n) {
    return true;
  }

  /** The request for one attempt at {@code now} (a signature is made per attempt, so that it stays fresh). */
  Request request(Notice n, Instant now);

  /** What must never appear in a log line or message about this sink. */
  List<Secret> secrets();
}
