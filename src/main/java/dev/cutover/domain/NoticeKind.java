package dev.cutover.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a notification is about, the names a sink or a plan filters on ({@code events: [reverted, failed]}). Which
 * {@link CutoverEvent} falls under which kind is the notify adapter's classification (docs/notifications.md).
 */
public enum NoticeKind {
  /** A cutover started, or resumed after a restart or a takeover. */
  STARTED,
  /** A step waits for an operator's approval. */
  APPROVAL_NEEDED,
  /** A step baked healthy. */
  STEP_COMPLETED,
  /** A revert to 100% Heroku began (gate, fault or operator), or was confirmed. */
  REVERTED,
  /** Every step baked healthy: 100% on AWS. */
  COMPLETED,
  /** Preflight failed, a revert attempt failed, or the cutover ended in conflict, drift or after AWS faults. */
  FAILED;

  /** The name in files: {@code approval-needed}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static Optional<NoticeKind> parse(String label) {
    return Arrays.stream(values()).filter(k -> k.label().equals(label.trim().toLowerCase(Locale.ROOT)))
        .findFirst();
  }

  /** "started, approval-needed, step-completed, reverted, completed, failed" */
  public static String labels() {
    return Arrays.stream(values()).map(NoticeKind::label).collect(Collectors.joining(", "));
  }
}
