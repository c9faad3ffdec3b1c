package dev.cutover.sandbox.route53;

import java.util.Comparator;
import java.util.Objects;

/**
 * Identity and sort key of a record set: name (stored form, {@link DnsNames#normalize}), type, SetIdentifier (null
 * for a simple record). Ordered as ListResourceRecordSets returns them: the name with its labels reversed as one
 * ASCII string with the trailing dot ({@link DnsNames#compare}), then the type; within a weighted group by
 * SetIdentifier (the API reference does not say; see docs/sandbox-route53-differences.md).
 */
public record RecordKey(String name, String type, String setIdentifier) implements Comparable<RecordKey> {
  private static final Comparator<RecordKey> ORDER = Comparator.<RecordKey, String>comparing(
          RecordKey::name, DnsNames::compare)
      .thenComparing(RecordKey::type)
      .thenComparing(RecordKey::setIdentifier, Comparator.nullsFirst(Comparator.naturalOrder()));

  public RecordKey {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }

  @Override
  public int compareTo(RecordKey other) {
    return ORDER.compare(this, other);
  }

  /** The way Route 53 names a record set in error messages. */
  public String describe() {
    return "[name='" + name + "', type='" + type + "'"
        + (setIdentifier == null ? "" : ", set-identifier='" + setIdentifier + "'") + "]";
  }
}
