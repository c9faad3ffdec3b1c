package dev.cutover.aws;

import dev.cutover.domain.ChangeBatch;
import dev.cutover.domain.ChangeBatch.Action;
import dev.cutover.domain.RecordPair;
import dev.cutover.domain.WeightedRecord;
import dev.cutover.port.DnsConflictException;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.route53.model.InvalidChangeBatchException;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * Turns a rejected compare-and-swap into a {@link DnsConflictException} that names every record that is not
 * what the batch expected, with both values: it re-reads the affected groups once and sends nothing else.
 */
final class Conflicts {
  private final Route53Weights route53;
  private final String zone;

  Conflicts(Route53Weights route53, String zone) {
    this.route53 = route53;
    this.zone = zone;
  }

  /** InvalidChangeBatch messages that mean "a record is not what you said" rather than a malformed batch. */
  static boolean isCasMismatch(InvalidChangeBatchException e) {
    String m = String.valueOf(e.awsErrorDetails() != null ? e.awsErrorDetails().errorMessage() : e.getMessage())
        .toLowerCase(Locale.ROOT);
    return m.contains("values provided do not match") || m.contains("but it was not found")
        || m.contains("already exists");
  }

  <T> Future<T> explain(ChangeBatch batch, InvalidChangeBatchException cause) {
    Map<String, List<ChangeBatch.Change>> groups = new LinkedHashMap<>();
    for (ChangeBatch.Change c : batch.changes()) {
      groups.computeIfAbsent(c.record().name() + " " + c.record().type(), g -> new ArrayList<>()).add(c);
    }
    Future<List<String>> details = Future.succeededFuture(new ArrayList<>());
    for (List<ChangeBatch.Change> group : groups.values()) {
      WeightedRecord first = group.get(0).record();
      details = details.compose(acc -> route53.readGroup(zone, first.name(), first.type())
          .map(found -> {
            acc.addAll(compare(group, found));
            return acc;
          })
          .recover(e -> {
            acc.add(first.name() + " " + first.type() + ": could not re-read the records to show what changed ("
                + e.getMessage() + ")");
            return Future.succeededFuture(acc);
          }));
    }
    return details.compose(lines -> {
      if (lines.isEmpty()) {
        lines.add("Route 53 rejected the guarded batch (" + AwsErrors.describe(cause) + ") but the records now"
            + " read as expected: someone changed them and changed them back; re-read and retry");
      }
      return Future.failedFuture(new DnsConflictException(lines));
    });
  }

  /** One line per record the batch made an assumption about that does not hold. */
  private static List<String> compare(List<ChangeBatch.Change> group, List<ResourceRecordSet> found) {
    List<String> lines = new ArrayList<>();
    List<String> deleted = new ArrayList<>();
    for (ChangeBatch.Change c : group) {
      WeightedRecord expected = c.record();
      WeightedRecord actual = find(found, expected.setIdentifier());
      String label = expected.name() + " " + expected.type() + " [" + expected.setIdentifier() + "]";
      if (c.action() == Action.DELETE) {
        deleted.add(expected.setIdentifier());
        if (!sameRecord(expected, actual)) {
          lines.add(label + ": expected " + Route53Records.value(expected) + ", found "
              + Route53Records.value(actual) + lostAnswerHint(group, actual));
        }
      } else if (c.action() == Action.CREATE && !deleted.contains(expected.setIdentifier()) && actual != null) {
        lines.add(label + ": expected no record, found " + Route53Records.value(actual));
      }
    }
    return lines;
  }

  /** When the records already hold the batch's new values, an earlier attempt probably applied it. */
  private static String lostAnswerHint(List<ChangeBatch.Change> group, WeightedRecord actual) {
    if (actual == null) {
      return "";
    }
    for (ChangeBatch.Change c : group) {
      if (c.action() == Action.CREATE && sameRecord(c.record(), actual)) {
        return " (this is the batch's own target value: an earlier attempt whose answer was lost may have"
            + " applied it)";
      }
    }
    return "";
  }

  private static WeightedRecord find(List<ResourceRecordSet> found, String setIdentifier) {
    for (ResourceRecordSet r : found) {
      if (setIdentifier.equals(r.setIdentifier())) {
        return Route53Records.toDomain(r);
      }
    }
    return null;
  }

  private static boolean sameRecord(WeightedRecord a, WeightedRecord b) {
    return b != null
        && RecordPair.normalizeName(a.name()).equals(RecordPair.normalizeName(b.name()))
        && a.type().equalsIgnoreCase(b.type())
        && a.weight() == b.weight()
        && Objects.equals(a.ttl(), b.ttl())
        && a.values().equals(b.values())
        && Objects.equals(a.alias(), b.alias())
        && Objects.equals(a.healthCheckId(), b.healthCheckId());
  }
}
