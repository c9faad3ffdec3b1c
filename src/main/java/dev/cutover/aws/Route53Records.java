package dev.cutover.aws;

import dev.cutover.domain.ChangeBatch;
import dev.cutover.domain.RecordPair;
import dev.cutover.domain.WeightedRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.route53.model.AliasTarget;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/** Exact mapping between the SDK's ResourceRecordSet and {@link WeightedRecord}, so a DELETE repeats every value. */
final class Route53Records {
  private Route53Records() {}

  /** The record as the domain sees it; null when it carries no Weight (not a weighted record). */
  static WeightedRecord toDomain(ResourceRecordSet r) {
    if (r.weight() == null || r.setIdentifier() == null) {
      return null;
    }
    WeightedRecord.AliasTarget alias = r.aliasTarget() == null ? null
        : new WeightedRecord.AliasTarget(r.aliasTarget().hostedZoneId(), r.aliasTarget().dnsName(),
            Boolean.TRUE.equals(r.aliasTarget().evaluateTargetHealth()));
    return new WeightedRecord(
        RecordPair.normalizeName(r.name()),
        r.typeAsString(),
        r.setIdentifier(),
        r.weight(),
        r.ttl(),
        r.hasResourceRecords() ? r.resourceRecords().stream().map(ResourceRecord::value).toList() : List.of(),
        alias,
        r.healthCheckId());
  }

  static ResourceRecordSet toSdk(WeightedRecord w) {
    var b = ResourceRecordSet.builder()
        .name(w.name())
        .type(w.type())
        .setIdentifier(w.setIdentifier())
        .weight(w.weight());
    if (w.ttl() != null) {
      b.ttl(w.ttl());
    }
    if (!w.values().isEmpty()) {
      b.resourceRecords(w.values().stream().map(v -> ResourceRecord.builder().value(v).build()).toList());
    }
    if (w.alias() != null) {
      b.aliasTarget(AliasTarget.builder()
          .hostedZoneId(w.alias().hostedZoneId())
          .dnsName(w.alias().dnsName())
          .evaluateTargetHealth(w.alias().evaluateTargetHealth())
          .build());
    }
    if (w.healthCheckId() != null) {
      b.healthCheckId(w.healthCheckId());
    }
    return b.build();
  }

  static List<Change> toSdk(ChangeBatch batch) {
    return batch.changes().stream()
        .map(c -> Change.builder()
            .action(ChangeAction.fromValue(c.action().name()))
            .resourceRecordSet(toSdk(c.record()))
            .build())
        .toList();
  }

  /**
   * The edge's own check of semantics 1, on what is actually sent: no weighted group that the batch writes
   * (CREATE/UPSERT) may end up with every written record at weight 0.
   *
   * @throws IllegalStateException naming the group
   */
  static void refuseAllZero(List<Change> changes) {
    Map<String, List<Long>> written = new HashMap<>();
    for (Change c : changes) {
      if (c.action() == ChangeAction.DELETE) {
        continue;
      }
      ResourceRecordSet r = c.resourceRecordSet();
      written.computeIfAbsent(RecordPair.normalizeName(r.name()) + " " + r.typeAsString(),
          g -> new ArrayList<>()).add(r.weight() == null ? -1L : r.weight());
    }
    written.forEach((group, weights) -> {
      if (weights.size() > 1 && weights.stream().allMatch(w -> w == 0)) {
        throw new IllegalStateException("refusing to send a change batch that writes weight 0 to every record of "
            + group + ": Route 53 would split traffic equally");
      }
    });
  }

  /** "weight 95 ttl 60 -> x.herokudns.com" — a record's value, as conflict messages show it. */
  static String value(WeightedRecord w) {
    if (w == null) {
      return "no such record";
    }
    String target = w.alias() != null ? "alias " + w.alias().dnsName() : String.join(",", w.values());
    return "weight " + w.weight() + (w.ttl() != null ? " ttl " + w.ttl() : "") + " -> " + target
        + (w.healthCheckId() != null ? " health check " + w.healthCheckId() : "");
  }
}
