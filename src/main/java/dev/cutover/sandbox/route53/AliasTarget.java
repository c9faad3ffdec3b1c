package dev.cutover.sandbox.route53;

import java.util.Objects;

/** An alias target as Route 53 stores it: the target's hosted zone, its DNS name (normalized) and the health flag. */
public record AliasTarget(String hostedZoneId, String dnsName, boolean evaluateTargetHealth) {
  public AliasTarget {
    Objects.requireNonNull(hostedZoneId, "hostedZoneId");
    dnsName = DnsNames.normalize(Objects.requireNonNull(dnsName, "dnsName"));
  }
}
