package dev.cutover.sandbox.route53;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-memory Route 53: hosted zones, record sets, change batches with Route 53's rules, PENDING → INSYNC on an
 * injected clock, and runtime faults ({@link #faults()}). Plain Java, no Vert.x.
 *
 * <p>Thread-safety: every state access holds this object's monitor ({@code synchronized}); change listeners run
 * after the monitor is released, on the caller's thread. Each zone keeps its records in a {@link TreeMap} keyed by
 * {@link RecordKey}, which is Route 53's listing order.
 */
public final class Route53Model {
  public static final Duration DEFAULT_INSYNC_DELAY = Duration.ofSeconds(2);
  public static final int MAX_RECORD_PAGE = 300;
  public static final int MAX_ZONE_PAGE = 100;
  private static final Logger LOG = LoggerFactory.getLogger(Route53Model.class);
  private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

  private final Clock clock;
  private final RandomGenerator random;
  private final Route53Faults faults;
  private final Map<String, Zone> zones = new LinkedHashMap<>();
  private final Map<String, String> zoneByCallerReference = new HashMap<>();
  private final Map<String, StoredChange> changes = new HashMap<>();
  private final List<Consumer<ChangeEvent>> listeners = new CopyOnWriteArrayList<>();
  private Duration insyncDelay = DEFAULT_INSYNC_DELAY;

  private static final class Zone {
    final HostedZone meta;
    final List<String> nameServers;
    TreeMap<RecordKey, RecordSet> records = new TreeMap<>();
    String lastChangeId;

    Zone(HostedZone meta, List<String> nameServers) {
      this.meta = meta;
      this.nameServers = nameServers;
    }

    HostedZone snapshot() {
      return new HostedZone(meta.id(), meta.name(), meta.callerReference(), meta.comment(), records.size());
    }
  }

  private record StoredChange(String id, Instant submittedAt, Instant insyncAt, String comment) {}

  public Route53Model(Clock clock) {
    this(clock, new SecureRandom());
  }

  public Route53Model(Clock clock, RandomGenerator random) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
    this.faults = new Route53Faults(clock);
  }

  public Clock clock() {
    return clock;
  }

  public Route53Faults faults() {
    return faults;
  }

  /** How long a change stays PENDING (measured on the injected clock); applies to changes submitted afterwards. */
  public synchronized void insyncDelay(Duration delay) {
    if (delay.isNegative()) {
      throw new IllegalArgumentException("insync delay must not be negative, got " + delay);
    }
    this.insyncDelay = delay;
  }

  public synchronized Duration insyncDelay() {
    return insyncDelay;
  }

  // ---- hosted zones ------------------------------------------------------------------------------------------

  public CreatedZone createHostedZone(String name, String callerReference, String comment) {
    return createHostedZone(name, callerReference, comment, null);
  }

  private CreatedZone createHostedZone(String name, String callerReference, String comment, String fixedId) {
    if (name == null || name.isBlank()) {
      throw Route53Error.invalidInput("Invalid request: Missing field 'Name'");
    }
    if (callerReference == null || callerReference.isEmpty() || callerReference.length() > 128) {
      throw Route53Error.invalidInput("Invalid request: CallerReference must have length between 1 and 128");
    }
    String zoneName;
    try {
      zoneName = DnsNames.normalize(name);
    } catch (DnsNames.UnsupportedCharacter e) {
      throw new Route53Error("InvalidDomainName", 400, e.getMessage());
    }
    String problem = DnsNames.problem(zoneName);
    if (problem != null || zoneName.contains("\\052")) {
      throw new Route53Error("InvalidDomainName", 400, zoneName + " is reserved by AWS or invalid: " + problem);
    }
    ChangeEvent event;
    CreatedZone created;
    synchronized (this) {
      if (zoneByCallerReference.containsKey(callerReference)) {
        throw new Route53Error("HostedZoneAlreadyExists", 409,
            "A hosted zone has already been created with the specified caller reference.");
      }
      if (fixedId != null && zones.containsKey(fixedId)) {
        throw new IllegalArgumentException("hosted zone " + fixedId + " already exists");
      }
      created = newZone(fixedId != null ? fixedId : uniqueId("Z", 20, zones.keySet()), zoneName, callerReference,
          comment);
      Zone zone = zones.get(created.zone().id());
      event = new ChangeEvent(created.change().id(), created.zone().id(), created.change().submittedAt(), comment,
          zone.records.values().stream().map(r -> new Change(ChangeAction.CREATE, r)).toList());
    }
    publish(event);
    return created;
  }

  /**
   * The hosted zone with id {@code zoneId}, created with that id (and {@code name}) when there is none: a sandbox
   * world is built from a plan, whose zone id is fixed. Idempotent; a zone with that id but another name is an
   * error, because the plan's records would not fit it.
   */
  public HostedZone ensureHostedZone(String zoneId, String name) {
    String bare = bareZoneId(Objects.requireNonNull(zoneId, "zoneId"));
    if (!bare.matches("[A-Z0-9]{1,32}")) {
      throw new IllegalArgumentException("hosted zone id must be 1-32 uppercase letters and digits, got " + zoneId);
    }
    synchronized (this) {
      Zone existing = zones.get(bare);
      if (existing != null) {
        if (!existing.meta.name().equals(DnsNames.normalize(name))) {
          throw new IllegalArgumentException("hosted zone " + bare + " exists with name " + existing.meta.name()
              + ", not " + DnsNames.normalize(name));
        }
        return existing.snapshot();
      }
    }
    return createHostedZone(name, "sandbox-" + bare, null, bare).zone();
  }

  private CreatedZone newZone(String id, String zoneName, String callerReference, String comment) {
    List<String> nameServers = nameServers();
    Zone zone = new Zone(new HostedZone(id, zoneName, callerReference, comment, 0), nameServers);
    zone.records.put(new RecordKey(zoneName, "SOA", null), RecordSet.simple(zoneName, "SOA", 900,
        List.of(nameServers.get(0) + " awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400")));
    zone.records.put(new RecordKey(zoneName, "NS", null), RecordSet.simple(zoneName, "NS", 172800, nameServers));
    zones.put(id, zone);
    zoneByCallerReference.put(callerReference, id);
    ChangeInfo change = newChange(zone, comment);
    return new CreatedZone(zone.snapshot(), change, nameServers);
  }

  public synchronized HostedZone getHostedZone(String zoneId) {
    return zone(zoneId).snapshot();
  }

  public synchronized List<String> nameServers(String zoneId) {
    return zone(zoneId).nameServers;
  }

  /** ListHostedZones in creation order; {@code marker} is the id of the first zone to return (or null). */
  public synchronized ZonePage listHostedZones(String marker, Integer maxItems) {
    int max = clamp(maxItems, MAX_ZONE_PAGE);
    List<Zone> all = new ArrayList<>(zones.values());
    int start = 0;
    if (marker != null) {
      String bare = bareZoneId(marker);
      start = indexOf(all, bare);
      if (start < 0) {
        throw Route53Error.invalidInput("Invalid request: marker " + marker + " is not a hosted zone id");
      }
    }
    List<HostedZone> page = all.subList(start, Math.min(all.size(), start + max)).stream()
        .map(Zone::snapshot).toList();
    boolean truncated = start + max < all.size();
    return new ZonePage(page, truncated, truncated ? all.get(start + max).meta.id() : null);
  }

  /**
   * ListHostedZonesByName: zones in the order of {@link DnsNames#compare} (the escaped name with its labels reversed,
   * as the API reference documents for this operation), then id, starting at (dnsName, hostedZoneId).
   */
  public synchronized ZonesByNamePage listHostedZonesByName(String dnsName, String hostedZoneId, Integer maxItems) {
    if (hostedZoneId != null && dnsName == null) {
      throw Route53Error.invalidInput("Invalid request: hostedzoneid requires dnsname");
    }
    int max = clamp(maxItems, MAX_ZONE_PAGE);
    Comparator<HostedZone> order = Comparator.<HostedZone, String>comparing(HostedZone::name, DnsNames::compare)
        .thenComparing(HostedZone::id);
    List<HostedZone> sorted = zones.values().stream().map(Zone::snapshot).sorted(order).toList();
    List<HostedZone> rest = sorted;
    if (dnsName != null) {
      HostedZone from = new HostedZone(hostedZoneId == null ? "" : bareZoneId(hostedZoneId),
          listingName(dnsName), "", null, 0);
      rest = sorted.stream().filter(z -> order.compare(z, from) >= 0).toList();
    }
    boolean truncated = rest.size() > max;
    List<HostedZone> page = rest.subList(0, Math.min(max, rest.size()));
    return new ZonesByNamePage(page, truncated, truncated ? rest.get(max).name() : null,
        truncated ? rest.get(max).id() : null);
  }

  // ---- record sets -------------------------------------------------------------------------------------------

  /**
   * ListResourceRecordSets: records from (startName, startType, startIdentifier) on, in Route 53's order, at most
   * {@code maxItems} (default and maximum 300).
   */
  public synchronized RecordPage listResourceRecordSets(
      String zoneId, String startName, String startType, String startIdentifier, Integer maxItems) {
    Zone zone = zone(zoneId);
    if (startType != null && startName == null) {
      throw Route53Error.invalidInput("Invalid request: type requires name");
    }
    if (startIdentifier != null && startType == null) {
      throw Route53Error.invalidInput("Invalid request: identifier requires name and type");
    }
    int max = clamp(maxItems, MAX_RECORD_PAGE);
    Map<RecordKey, RecordSet> tail = startName == null
        ? zone.records
        : zone.records.tailMap(new RecordKey(listingName(startName),
            startType == null ? "" : startType, startIdentifier), true);
    List<RecordSet> page = new ArrayList<>(Math.min(max, tail.size()));
    RecordKey next = null;
    for (RecordSet r : tail.values()) {
      if (page.size() == max) {
        next = r.key();
        break;
      }
      page.add(r);
    }
    return new RecordPage(List.copyOf(page), next != null, next);
  }

  /** All record sets of a zone in listing order, for inspection. */
  public synchronized List<RecordSet> records(String zoneId) {
    return List.copyOf(zone(zoneId).records.values());
  }

  /**
   * ChangeResourceRecordSets: validates the whole batch against a copy of the zone and commits it only if every
   * change is valid (all-or-nothing). Returns the PENDING change.
   */
  public ChangeInfo changeResourceRecordSets(String zoneId, String comment, List<Change> batch) {
    ChangeEvent event;
    ChangeInfo info;
    synchronized (this) {
      Zone zone = zone(zoneId);
      if (batch.isEmpty()) {
        throw Route53Error.invalidInput("1 validation error detected: Value '[]' at 'changeBatch.changes' failed "
            + "to satisfy constraint: Member must have length greater than or equal to 1");
      }
      if (faults.priorRequestNotCompleteEnabled() && zone.lastChangeId != null
          && status(changes.get(zone.lastChangeId)) == ChangeStatus.PENDING) {
        throw Route53Error.priorRequestNotComplete();
      }
      for (int i = 0; i < batch.size(); i++) {
        ChangeBatchRules.checkShape(i + 1, batch.get(i));
      }
      ChangeBatchRules.checkLimits(batch);
      TreeMap<RecordKey, RecordSet> copy = new TreeMap<>(zone.records);
      List<String> problems = new ArrayList<>();
      Set<String> touched = new LinkedHashSet<>();
      Set<RecordKey> failed = new java.util.HashSet<>(); // no follow-on errors for a record that already failed
      for (Change change : batch) {
        touched.add(change.record().name());
        if (failed.contains(change.record().key())) {
          continue;
        }
        String problem = ChangeBatchRules.apply(copy, change);
        if (problem != null) {
          problems.add(problem);
          failed.add(change.record().key());
        }
      }
      problems.addAll(ChangeBatchRules.checkZone(zone.meta.name(), copy, touched));
      if (!problems.isEmpty()) {
        throw Route53Error.invalidChangeBatch(problems);
      }
      zone.records = copy;
      info = newChange(zone, comment);
      event = new ChangeEvent(info.id(), zone.meta.id(), info.submittedAt(), comment, batch);
    }
    publish(event);
    return info;
  }

  public synchronized ChangeInfo getChange(String changeId) {
    String bare = changeId.startsWith("/change/") ? changeId.substring("/change/".length()) : changeId;
    StoredChange change = changes.get(bare);
    if (change == null) {
      throw Route53Error.noSuchChange(bare);
    }
    return new ChangeInfo(change.id(), status(change), change.submittedAt(), change.comment());
  }

  // ---- query API for the traffic simulator and the UI -------------------------------------------------------

  /**
   * What DNS would answer for {@code name} and {@code type} in the most specific zone holding the name: the
   * weighted group or the simple record. Falls back to a CNAME at the name when there is no record of the type,
   * as a resolver would. Empty when nothing matches (wildcards are not expanded).
   */
  public synchronized Optional<WeightedAnswer> resolve(String name, String type) {
    String n = DnsNames.normalize(name);
    Optional<Zone> zone = zones.values().stream()
        .filter(z -> DnsNames.isWithin(n, z.meta.name()))
        .max(Comparator.comparingInt(z -> z.meta.name().length()));
    if (zone.isEmpty()) {
      return Optional.empty();
    }
    List<RecordSet> group = recordsOf(zone.get(), n, type.toUpperCase(java.util.Locale.ROOT));
    if (group.isEmpty()) {
      group = recordsOf(zone.get(), n, "CNAME");
    }
    if (group.isEmpty()) {
      return Optional.empty();
    }
    List<WeightedAnswer.Candidate> candidates = group.stream()
        .map(r -> new WeightedAnswer.Candidate(r.setIdentifier(), r.isWeighted() ? r.weight() : 1L, r.values(),
            r.aliasTarget()))
        .toList();
    return Optional.of(new WeightedAnswer(n, group.get(0).type(), group.get(0).ttl(), candidates));
  }

  /** Registers a listener for committed changes; returns a handle that unregisters it. */
  public Runnable onChange(Consumer<ChangeEvent> listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
    return () -> listeners.remove(listener);
  }

  // ---- internals ---------------------------------------------------------------------------------------------

  private List<RecordSet> recordsOf(Zone zone, String name, String type) {
    return List.copyOf(zone.records.subMap(new RecordKey(name, type, null), true,
        new RecordKey(name, type + "\0", null), false).values());
  }

  /** A name given to a List operation: a raw space or tab there is InvalidInput (UnsupportedCharacter). */
  private static String listingName(String name) {
    try {
      return DnsNames.normalize(name);
    } catch (DnsNames.UnsupportedCharacter e) {
      throw Route53Error.invalidInput(e.getMessage());
    }
  }

  private Zone zone(String zoneId) {
    String bare = bareZoneId(zoneId);
    Zone zone = zones.get(bare);
    if (zone == null) {
      throw Route53Error.noSuchHostedZone(bare);
    }
    return zone;
  }

  private static String bareZoneId(String id) {
    return id.startsWith("/hostedzone/") ? id.substring("/hostedzone/".length()) : id;
  }

  private ChangeInfo newChange(Zone zone, String comment) {
    Instant now = clock.instant();
    StoredChange change = new StoredChange(uniqueId("C", 13, changes.keySet()), now, now.plus(insyncDelay),
        comment);
    changes.put(change.id(), change);
    zone.lastChangeId = change.id();
    return new ChangeInfo(change.id(), status(change), change.submittedAt(), comment);
  }

  private ChangeStatus status(StoredChange change) {
    return clock.instant().isBefore(change.insyncAt()) ? ChangeStatus.PENDING : ChangeStatus.INSYNC;
  }

  private String uniqueId(String prefix, int length, Set<String> taken) {
    while (true) {
      StringBuilder id = new StringBuilder(prefix);
      for (int i = 0; i < length; i++) {
        id.append(ALNUM.charAt(random.nextInt(ALNUM.length())));
      }
      if (!taken.contains(id.toString())) {
        return id.toString();
      }
    }
  }

  private List<String> nameServers() {
    int n = random.nextInt(2048);
    return List.of("ns-" + n + ".awsdns-" + String.format("%02d", n / 32) + ".com.",
        "ns-" + (n + 512) % 2048 + ".awsdns-" + String.format("%02d", n % 64) + ".net.",
        "ns-" + (n + 1024) % 2048 + ".awsdns-" + String.format("%02d", (n + 7) % 64) + ".org.",
        "ns-" + (n + 1536) % 2048 + ".awsdns-" + String.format("%02d", (n + 13) % 64) + ".co.uk.");
  }

  private static int clamp(Integer maxItems, int limit) {
    if (maxItems == null) {
      return limit;
    }
    if (maxItems < 1) {
      throw Route53Error.invalidInput("Invalid request: maxitems must be at least 1, got " + maxItems);
    }
    return Math.min(maxItems, limit);
  }

  private static int indexOf(List<Zone> zones, String id) {
    for (int i = 0; i < zones.size(); i++) {
      if (zones.get(i).meta.id().equals(id)) {
        return i;
      }
    }
    return -1;
  }

  private void publish(ChangeEvent event) {
    for (Consumer<ChangeEvent> listener : listeners) {
      try {
        listener.accept(event);
      } catch (RuntimeException e) {
        LOG.warn("Route 53 sandbox change listener failed on change {}", event.changeId(), e);
      }
    }
  }
}
