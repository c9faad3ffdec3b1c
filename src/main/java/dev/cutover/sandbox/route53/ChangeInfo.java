package dev.cutover.sandbox.route53;

import java.time.Instant;

/**
 * A change as GetChange reports it. {@code id} is bare (no {@code /change/} prefix); {@code comment} may be null.
 */
public record ChangeInfo(String id, ChangeStatus status, Instant submittedAt, String comment) {}
