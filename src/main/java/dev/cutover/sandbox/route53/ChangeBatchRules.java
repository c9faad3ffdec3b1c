package dev.cutover.sandbox.route53;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeSet;

/**
 * Route 53's rules for a change batch. Field-level problems are {@code InvalidInput} (as Route 53's request
 * validation reports them); conflicts with the zone's contents are {@code InvalidChangeBatch}. Pure functions over
 * a zone's record map; the model applies the batch to a copy and calls these before committing.
 */
final class ChangeBatchRules {
  static final int MAX_VALUES_PER_BATCH = 1000;
  static final Set<String> TYPES =
      Set.of("A", "AAAA", "CAA", "CNAME", "DS", "HTTPS", "MX", "NAPTR", "NS", "PTR", "SOA", "SPF", "SRV", "SSHFP",
          "SVCB", "TLSA", "TXT");

  private ChangeBatchRules() {}

  /** Checks the shape of one change (1-based {@code index}); throws {@code InvalidInput}. */
  static void checkShape(int index, Change change) {
    RecordSet r = change.record();
    String where = "Change with [Action=" + change.action() + ", Name=" + r.name() + ", Type="
        + r.type() + ", SetIdentifier=" + r.setIdentifier() + "]";
    String at = "'changeBatch.changes." + index + ".member.resourceRecordSet.";
    if (!TYPES.contains(r.type())) {
      throw Route53Error.invalidInput("1 validation error detected: Value '" + r.type() + "' at " + at
          + "type' failed to satisfy constraint: Member must satisfy enum value set: " + new TreeSet<>(TYPES));
    }
    String nameProblem = DnsNames.problem(r.name());
    if (nameProblem != null) {
      throw Route53Error.invalidInput("Invalid request: " + nameProblem + " in " + where);
    }
    boolean hasPlain = r.ttl() != null || !r.values().isEmpty();
    if (r.isAlias() == hasPlain) {
      throw Route53Error.invalidInput("Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and "
          + "ResourceRecords], or TrafficPolicyInstanceId], but found " + (r.isAlias() ? "more than one" : "none")
          + " in " + where);
    }
    if (!r.isAlias() && (r.ttl() == null || r.values().isEmpty())) {
      throw Route53Error.invalidInput("Invalid request: Missing field '"
          + (r.ttl() == null ? "TTL" : "ResourceRecords") + "' in " + where);
    }
    if (r.ttl() != null && (r.ttl() < 0 || r.ttl() > 2147483647L)) {
      throw Route53Error.invalidInput("1 validation error detected: Value '" + r.ttl() + "' at " + at
          + "TTL' failed to satisfy constraint: Member must have value between 0 and 2147483647");
    }
    if (r.weight() != null && r.setIdentifier() == null) {
      throw Route53Error.invalidInput("Invalid request: Missing field 'SetIdentifier' in " + where);
    }
    if (r.setIdentifier() != null && r.weight() == null) {
      throw Route53Error.invalidInput("Invalid request: Expected exactly one of [Weight, Region, Failover, "
          + "GeoLocation, MultiValueAnswer, GeoProximityLocation, or CidrRoutingConfig], but found none in " + where);
    }
    if (r.setIdentifier() != null && (r.setIdentifier().isEmpty() || r.setIdentifier().length() > 128)) {
      throw Route53Error.invalidInput("1 validation error detected: Value '" + r.setIdentifier() + "' at " + at
          + "setIdentifier' failed to satisfy constraint: Member must have length between 1 and 128");
    }
    if (r.weight() != null && (r.weight() < 0 || r.weight() > 255)) {
      throw Route53Error.invalidInput("1 validation error detected: Value '" + r.weight() + "' at " + at
          + "weight' failed to satisfy constraint: Member must have value "
          + (r.weight() < 0 ? "greater than or equal to 0" : "less than or equal to 255"));
    }
  }

  /** Applies one change to {@code records}; returns an {@code InvalidChangeBatch} message or null. */
  static String apply(NavigableMap<RecordKey, RecordSet> records, Change change) {
    RecordSet r = change.record();
    RecordKey key = r.key();
    RecordSet current = records.get(key);
    switch (change.action()) {
      case CREATE -> {
        if (current != null) {
          return "Tried to create resource record set " + key.describe() + " but it already exists";
        }
        records.put(key, r);
      }
      case DELETE -> {
        if (current == null) {
          return "Tried to delete resource record set " + key.describe() + " but it was not found";
        }
        if (!current.sameAs(r)) {
          return "Tried to delete resource record set " + key.describe()
              + " but the values provided do not match the current values";
        }
        records.remove(key);
      }
      case UPSERT -> records.put(key, r);
    }
    return null;
  }

  /** The zone-level rules for every name the batch touched, checked on the state after the whole batch. */
  static List<String> checkZone(String zoneName, NavigableMap<RecordKey, RecordSet> records, Set<String> touched) {
    List<String> problems = new ArrayList<>();
    for (String name : touched) {
      if (!DnsNames.isWithin(name, zoneName)) {
        problems.add("RRSet with DNS name " + name + " is not permitted in zone " + zoneName);
        continue;
      }
      List<RecordSet> atName = recordsAt(records, name);
      boolean hasCname = atName.stream().anyMatch(r -> r.type().equals("CNAME"));
      if (hasCname && name.equals(zoneName)) {
        problems.add("RRSet of type CNAME with DNS name " + name + " is not permitted at apex in zone " + zoneName);
      } else if (hasCname && atName.stream().anyMatch(r -> !r.type().equals("CNAME"))) {
        problems.add("RRSet of type CNAME with DNS name " + name
            + " is not permitted as it conflicts with other records with the same DNS name in zone " + zoneName);
      }
      for (String type : atName.stream().map(RecordSet::type).distinct().toList()) {
        checkGroup(name, type, atName.stream().filter(r -> r.type().equals(type)).toList(), problems);
      }
      if (name.equals(zoneName)) {
        for (String required : List.of("SOA", "NS")) {
          if (atName.stream().noneMatch(r -> r.type().equals(required) && !r.isWeighted())) {
            problems.add("A HostedZone must contain exactly one " + required + " record set at its apex "
                + zoneName);
          }
        }
      }
    }
    return problems;
  }

  private static void checkGroup(String name, String type, List<RecordSet> group, List<String> problems) {
    boolean anySimple = group.stream().anyMatch(r -> !r.isWeighted());
    if (anySimple && group.size() > 1) {
      problems.add("RRSet with DNS name " + name + ", type " + type
          + " cannot be created as a non-weighted set exists with the same name and type");
      return;
    }
    // Route 53 allows several values in a weighted A/AAAA/TXT record; only CNAME is limited to one.
    for (RecordSet r : group) {
      if (type.equals("CNAME") && r.values().size() > 1) {
        problems.add("RRSet of type CNAME with DNS name " + name + " contains more than one value");
      }
    }
    List<Long> ttls = group.stream().filter(r -> !r.isAlias()).map(RecordSet::ttl).distinct().toList();
    if (ttls.size() > 1) {
      problems.add("RRSet with DNS name " + name + ", type " + type
          + " cannot be changed: all records of a weighted group must have the same TTL, found " + ttls);
    }
  }

  private static List<RecordSet> recordsAt(NavigableMap<RecordKey, RecordSet> records, String name) {
    RecordKey from = new RecordKey(name, "", null);
    List<RecordSet> out = new ArrayList<>();
    for (RecordSet r : records.tailMap(from, true).values()) {
      if (!r.name().equals(name)) {
        break;
      }
      out.add(r);
    }
    return out;
  }

  /** Counts value characters and records the way Route 53's request limits do (UPSERT counts twice). */
  static void checkLimits(List<Change> changes) {
    int values = 0;
    for (Change c : changes) {
      int n = Math.max(1, c.record().values().size());
      values += c.action() == ChangeAction.UPSERT ? 2 * n : n;
    }
    if (values > MAX_VALUES_PER_BATCH) {
      throw Route53Error.invalidChangeBatch(List.of("Number of records limit of " + MAX_VALUES_PER_BATCH
          + " exceeded."));
    }
  }
}
