package dev.cutover.sandbox.route53;

/** A snapshot of a hosted zone. {@code id} is bare (no {@code /hostedzone/} prefix); {@code comment} may be null. */
public record HostedZone(String id, String name, String callerReference, String comment, long resourceRecordSetCount) {}
