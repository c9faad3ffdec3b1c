package dev.cutover.domain;

import java.util.List;
import java.util.Objects;

/**
 * A weighted Route 53 record exactly as read, so that a DELETE can repeat every value (Route 53 API
 * Reference, ChangeResourceRecordSets: "To delete a resource record set, you must specify all the same values
 * that you specified when you created it").
 *
 * @param ttl seconds, or null for an alias record (alias records carry no TTL)
 * @param values resource record values (empty for an alias)
 * @param alias the alias target, or null
 * @param healthCheckId or null
 */
public record WeightedRecord(
    String name,
    String type,
    String setIdentifier,
    long weight,
    Long ttl,
    List<String> values,
    AliasTarget alias,
    String healthCheckId) {

  public record AliasTarget(String hostedZoneId, String dnsName, boolean evaluateTargetHealth) {}

  public WeightedRecord {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(setIdentifier, "setIdentifier");
    values = values == null ? List.of() : List.copyOf(values);
    if (weight < 0 || weight > 255) {
      throw new IllegalArgumentException(
          "weight of " + name + " " + type + " [" + setIdentifier + "] must be 0..255, got " + weight);
    }
  }

  public WeightedRecord withWeight(long newWeight) {
    return new WeightedRecord(name, type, setIdentifier, newWeight, ttl, values, alias, healthCheckId);
  }

  /** "api.example.com. CNAME [heroku] weight 95 ttl 60 -> foo.herokudns.com" */
  public String describe() {
    String target = alias != null ? "alias " + alias.dnsName() : String.join(",", values);
    return name + " " + type + " [" + setIdentifier + "] weight " + weight
        + (ttl != null ? " ttl " + ttl : "") + " -> " + target;
  }
}
