package dev.cutover.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.domain.FaultPolicy;
import dev.cutover.domain.GatePolicy;
import dev.cutover.domain.Lifecycle;
import dev.cutover.domain.NotifyPolicy;
import dev.cutover.domain.Plan;
import dev.cutover.domain.RecordPair;
import dev.cutover.domain.Step;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Loads a plan file into a {@link Plan}, reporting every problem in one pass. Never throws on bad input: an
 * unreadable file, text that is not YAML, YAML of the wrong shape and wrong values all become problems.
 */
public final class PlanLoader {
  private static final List<String> KEYS =
      List.of("name", "zone", "labels", "maxTtl", "settle", "records", "steps", "gates", "faults", "soak",
          "finalTtl", "notify");
  private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");
  private static final Pattern NAME = Pattern.compile("[a-z0-9-]{1,64}");
  private static final Pattern ZONE = Pattern.compile("[A-Z0-9]{1,32}");
  private static final String ZONE_PREFIX = "/hostedzone/";
  private static final Duration RECOMMENDED_MAX_TTL = Duration.ofSeconds(60);

  /** Loads a plan file; anything but a regular UTF-8 file of at most 1 MiB is refused before parsing. */
  public PlanLoad load(Path file) {
    return PlanFile.load(file, this::parse, refused -> new PlanLoad(Optional.empty(), List.of(refused)));
  }

  /** @param sourceName where the text came from, for messages that name the file */
  public PlanLoad parse(String yaml, String sourceName) {
    YamlTree.Walked<Plan> walked = YamlTree.walk(yaml, sourceName, "report this as a bug, with the plan file",
        this::walk);
    return new PlanLoad(walked.value(), walked.problems());
  }

  private Optional<Plan> walk(JsonNode node, Fields fields) {
    Problems problems = fields.problems();
    Optional<ObjectNode> mapping = fields.root(node, "a plan is a mapping of keys (name, zone, records, steps, gates)",
        KEYS, "config/example.yaml");
    if (mapping.isEmpty()) {
      return Optional.empty();
    }
    ObjectNode root = mapping.get();
    Optional<String> name = fields.text(root, "name", "", true, "api-prod").flatMap(n -> name(n, problems));
    Optional<String> zone = fields.text(root, "zone", "", true, "Z0123456789ABCDEFGHIJ")
        .flatMap(z -> zone(z, problems));
    Optional<java.util.Map<String, String>> labels = labels(root, fields);
    Optional<Lifecycle> lifecycle = lifecycle(root, fields);
    Optional<Timing> timing = timing(root, fields);
    Optional<List<RecordPair>> records = new RecordRules(fields).read(root);
    Optional<List<Step>> steps = new StepRules(fields).read(root, timing);
    Optional<Duration> shortestBake =
        steps.flatMap(s -> s.stream().map(Step::bake).min(Duration::compareTo));
    GateRules gateRules = new GateRules(fields);
    Optional<GatePolicy> gates = gateRules.gates(root, shortestBake);
    Optional<FaultPolicy> faults = gateRules.faults(root);
    Optional<NotifyPolicy> notify = new NotifyRules(fields).read(root);
    if (problems.hasErrors() || name.isEmpty() || zone.isEmpty() || labels.isEmpty() || lifecycle.isEmpty()
        || timing.isEmpty()
        || records.isEmpty()
        || steps.isEmpty() || gates.isEmpty() || faults.isEmpty() || notify.isEmpty()) {
      return Optional.empty();
    }
    Timing t = timing.get();
    return Optional.of(new Plan(name.get(), zone.get(), records.get(), steps.get(), gates.get(), t.maxTtl(),
        t.settle(), faults.get(), labels.get(), lifecycle.get(), notify.get()));
  }

  /** {@code soak:} (watch at 100% before the cutover completes) and {@code finalTtl:} (the plain record's TTL). */
  private static Optional<Lifecycle> lifecycle(ObjectNode root, Fields fields) {
    boolean soakWritten = Fields.get(root, "soak") != null;
    boolean ttlWritten = Fields.get(root, "finalTtl") != null;
    Optional<Duration> soak = soakWritten ? fields.duration(root, "soak", "", false, "48h")
        : Optional.of(Duration.ZERO);
    Optional<Duration> finalTtl = ttlWritten ? fields.duration(root, "finalTtl", "", false, "1h")
        : Optional.empty();
    if (soak.isEmpty() || ttlWritten && finalTtl.isEmpty()) {
      return Optional.empty();
    }
    if (finalTtl.isPresent() && finalTtl.get().isZero()) {
      fields.problems().error("finalTtl", "finalTtl 0s would make every resolver ask again for every query",
          "use the TTL the record should have for good, e.g. finalTtl: 1h");
      return Optional.empty();
    }
    if (soak.get().compareTo(Duration.ofDays(14)) > 0) {
      fields.problems().warning("soak", "soak " + Durations.format(soak.get()) + " keeps Heroku's record (and its"
          + " cost) for over two weeks", "the usual soak is 24h-48h");
    }
    return Optional.of(new Lifecycle(soak.get(), finalTtl.orElse(null)));
  }

  /** {@code labels:} a mapping of short keys to text values (team, tier, service), to select plans by. */
  private static Optional<java.util.Map<String, String>> labels(ObjectNode root, Fields fields) {
    JsonNode node = Fields.get(root, "labels");
    if (node == null) {
      return Optional.of(java.util.Map.of());
    }
    Optional<ObjectNode> map = fields.object(node, "labels", "labels: { team: payments, tier: critical }");
    if (map.isEmpty()) {
      return Optional.empty();
    }
    java.util.Map<String, String> out = new java.util.TreeMap<>();
    boolean ok = true;
    for (var e : (Iterable<java.util.Map.Entry<String, JsonNode>>) map.get()::fields) {
      String at = Paths.child("labels", e.getKey());
      if (!LABEL.matcher(e.getKey()).matches()) {
        fields.problems().error(at, "label key `" + e.getKey() + "` is not 1 to 63 letters, digits, '-', '_' or"
            + " '.' starting with a letter or digit", "use a short key like team, tier or service");
        ok = false;
        continue;
      }
      Optional<String> value = fields.textValue(e.getValue(), at, "payments");
      if (value.isEmpty()) {
        ok = false;
      } else if (value.get().isBlank() || value.get().length() > 128) {
        fields.problems().error(at, "label `" + e.getKey() + "` needs a value of 1 to 128 characters",
            "write it like " + e.getKey() + ": payments");
        ok = false;
      } else {
        out.put(e.getKey(), value.get());
      }
    }
    return ok ? Optional.of(out) : Optional.empty();
  }

  private static Optional<String> name(String n, Problems problems) {
    if (NAME.matcher(n).matches()) {
      return Optional.of(n);
    }
    String suggestion = n.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-");
    problems.error("name", "name `" + n + "` is not 1 to 64 lowercase letters, digits and hyphens"
            + " (it names the journal, lease and state directory)",
        suggestion.isEmpty() || suggestion.length() > 64
            ? "use a short name like api-prod"
            : "write name: " + suggestion);
    return Optional.empty();
  }

  private static Optional<String> zone(String raw, Problems problems) {
    String z = raw.trim();
    if (z.startsWith(ZONE_PREFIX)) {
      z = z.substring(ZONE_PREFIX.length());
    }
    if (ZONE.matcher(z).matches()) {
      return Optional.of(z);
    }
    String fix;
    if (z.contains(".")) {
      fix = "use the hosted zone id (e.g. Z0123456789ABCDEFGHIJ, from `aws route53 list-hosted-zones`),"
          + " not the domain name";
    } else if (ZONE.matcher(z.toUpperCase(Locale.ROOT)).matches()) {
      fix = "AWS zone ids are uppercase: write zone: " + z.toUpperCase(Locale.ROOT);
    } else {
      fix = "use the hosted zone id, uppercase letters and digits like Z0123456789ABCDEFGHIJ";
    }
    problems.error("zone", "zone `" + raw + "` is not a hosted zone id", fix);
    return Optional.empty();
  }

  /** maxTtl and settle: warns about a TTL above 60 s and about a settle shorter than the computed one. */
  private static Optional<Timing> timing(ObjectNode root, Fields fields) {
    Problems problems = fields.problems();
    boolean ttlWritten = Fields.get(root, "maxTtl") != null;
    Optional<Duration> maxTtl = ttlWritten
        ? fields.duration(root, "maxTtl", "", false, "60s")
        : Optional.of(Timing.DEFAULT_MAX_TTL);
    maxTtl.filter(t -> t.compareTo(RECOMMENDED_MAX_TTL) > 0).ifPresent(t -> problems.warning("maxTtl",
        "maxTtl " + Durations.format(t) + " is above 60s: resolvers keep the old split that long after each step,"
            + " and a revert takes as long to reach clients",
        "lower the TTL to 60 s 24–48 h before the cutover, then set maxTtl: 60s"));
    boolean settleWritten = Fields.get(root, "settle") != null;
    Optional<Duration> settle = fields.duration(root, "settle", "", false, "3m");
    if (maxTtl.isEmpty() || (settleWritten && settle.isEmpty())) {
      return Optional.empty();
    }
    Duration computed = Timing.defaultSettle(maxTtl.get());
    if (!settleWritten) {
      return Optional.of(new Timing(maxTtl.get(), computed, false));
    }
    if (settle.get().compareTo(computed) < 0) {
      problems.warning("settle", "settle " + Durations.format(settle.get()) + " is below the computed "
              + Durations.format(computed) + " (maxTtl " + Durations.format(maxTtl.get())
              + " + 120s for client caches and one ALB metric period): steps may be judged on the old split",
          "a short settle is for rehearsals and tests only: remove settle: for a production cutover");
    }
    return Optional.of(new Timing(maxTtl.get(), settle.get(), true));
  }
}
