package dev.cutover.sandbox.route53;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A resource record set as the sandbox stores it. Names are normalized on construction. Simple records have no
 * SetIdentifier and no weight; weighted records have both. Alias records have an {@code aliasTarget} and neither
 * TTL nor values. Only simple and weighted routing are modelled.
 */
public record RecordSet(
    String name,
    String type,
    String setIdentifier,
    Long weight,
    Long ttl,
    List<String> values,
    AliasTarget aliasTarget,
    String healthCheckId) {

  public RecordSet {
    name = DnsNames.normalize(Objects.requireNonNull(name, "name"));
    type = Objects.requireNonNull(type, "type").toUpperCase(Locale.ROOT);
    values = List.copyOf(values == null ? List.of() : values);
  }

  /** A simple (non-weighted) record with values. */
  public static RecordSet simple(String name, String type, long ttl, List<String> values) {
    return new RecordSet(name, type, null, null, ttl, values, null, null);
  }

  /** A weighted record with one value. */
  public static RecordSet weighted(String name, String type, String setIdentifier, long weight, long ttl, String value) {
    return new RecordSet(name, type, setIdentifier, weight, ttl, List.of(value), null, null);
  }

  public RecordKey key() {
    return new RecordKey(name, type, setIdentifier);
  }

  public boolean isWeighted() {
    return setIdentifier != null;
  }

  public boolean isAlias() {
    return aliasTarget != null;
  }

  public RecordSet withWeight(long newWeight) {
    return new RecordSet(name, type, setIdentifier, newWeight, ttl, values, aliasTarget, healthCheckId);
  }

  /** True when every attribute equals, values compared regardless of order: what DELETE demands. */
  public boolean sameAs(RecordSet other) {
    return key().equals(other.key())
        && Objects.equals(weight, other.weight)
        && Objects.equals(ttl, other.ttl)
        && Objects.equals(aliasTarget, other.aliasTarget)
        && Objects.equals(healthCheckId, other.healthCheckId)
        && sorted(values).equals(sorted(other.values));
  }

  private static List<String> sorted(List<String> values) {
    List<String> copy = new ArrayList<>(values);
    copy.sort(null);
    return copy;
  }
}
