package dev.cutover.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.domain.FaultPolicy;
import dev.cutover.domain.GatePolicy;
import dev.cutover.domain.GatePolicy.UnknownAction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** The {@code gates:} and {@code faults:} sections. */
final class GateRules {
  /** DescribeAlarms takes at most 100 alarm names per call. */
  static final int MAX_ALARMS = 100;
  static final Duration DEFAULT_POLL = Duration.ofSeconds(10);
  static final int DEFAULT_UNKNOWN_LIMIT = 3;

  private static final List<String> GATE_KEYS = List.of("alarms", "poll", "unknownLimit", "onUnknown");
  private static final List<String> FAULT_KEYS =
      List.of("retryDeadline", "route53RatePerSecond", "inSyncTimeout");
  private static final String ALARMS_EXAMPLE = "alarms: [api-aws-5xx-rate, api-aws-p99-latency]";

  private final Fields fields;
  private final Problems problems;

  GateRules(Fields fields) {
    this.fields = fields;
    this.problems = fields.problems();
  }

  /**
   * The gate policy, or empty when it is wrong.
   *
   * @param shortestBake the shortest step bake, when known: a poll longer than it is warned about
   */
  Optional<GatePolicy> gates(ObjectNode root, Optional<Duration> shortestBake) {
    JsonNode node = Fields.get(root, "gates");
    if (node == null) {
      problems.error("gates", "`gates` is missing: a cutover needs at least one CloudWatch alarm to watch",
          "add gates: { " + ALARMS_EXAMPLE + " }");
      return Optional.empty();
    }
    Optional<ObjectNode> o = fields.object(node, "gates", "{ " + ALARMS_EXAMPLE + ", poll: 10s }");
    if (o.isEmpty()) {
      return Optional.empty();
    }
    fields.refuseUnknownKeys(o.get(), "gates", GATE_KEYS);
    Optional<List<String>> alarms = alarms(o.get());
    Optional<Duration> poll = poll(o.get(), shortestBake);
    OptionalInt limit = fields.integer(o.get(), "unknownLimit", "gates", false, "3");
    if (limit.isPresent() && limit.getAsInt() < 1) {
      problems.error("gates.unknownLimit", "unknownLimit " + limit.getAsInt() + " is below 1",
          "use 1 or more: how many Unknown readings in a row trigger onUnknown (default 3)");
    }
    boolean limitOk = Fields.get(o.get(), "unknownLimit") == null || (limit.isPresent() && limit.getAsInt() >= 1);
    Optional<UnknownAction> onUnknown = onUnknown(o.get());
    if (alarms.isEmpty() || poll.isEmpty() || !limitOk || onUnknown.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new GatePolicy(
        alarms.get(), poll.get(), limit.orElse(DEFAULT_UNKNOWN_LIMIT), onUnknown.get()));
  }

  private Optional<List<String>> alarms(ObjectNode gates) {
    Optional<List<JsonNode>> items = fields.list(gates, "alarms", "gates", ALARMS_EXAMPLE);
    if (items.isEmpty()) {
      return Optional.empty();
    }
    if (items.get().size() > MAX_ALARMS) {
      problems.error("gates.alarms", items.get().size() + " alarms are more than CloudWatch DescribeAlarms reads"
              + " in one call (at most " + MAX_ALARMS + ")",
          "combine alarms into composite alarms and gate on those");
    }
    List<String> alarms = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < items.get().size(); i++) {
      String at = Paths.index("gates.alarms", i);
      Optional<String> name = fields.textValue(items.get().get(i), at, "api-aws-5xx-rate");
      if (name.isEmpty()) {
        continue;
      }
      String a = name.get();
      Integer first = seen.putIfAbsent(a, i);
      if (a.isBlank() || a.length() > 255) {
        problems.error(at, "alarm name `" + a + "` is " + a.length() + " characters long",
            "use the alarm's name exactly as in CloudWatch (1 to 255 characters)");
      } else if (first != null) {
        problems.error(at, "alarm `" + a + "` is listed twice (also gates.alarms[" + first + "])",
            "remove the duplicate");
      }
      alarms.add(a);
    }
    return Optional.of(alarms);
  }

  private Optional<Duration> poll(ObjectNode gates, Optional<Duration> shortestBake) {
    Optional<Duration> poll = fields.duration(gates, "poll", "gates", false, "10s");
    if (poll.isEmpty()) {
      return Fields.get(gates, "poll") == null ? Optional.of(DEFAULT_POLL) : Optional.empty();
    }
    Duration p = poll.get();
    if (p.isZero()) {
      problems.error("gates.poll", "poll " + Durations.format(p) + " is not positive",
          "read the alarms every few seconds, e.g. poll: 10s");
      return Optional.empty();
    }
    if (shortestBake.isPresent() && p.compareTo(shortestBake.get()) > 0) {
      problems.warning("gates.poll", "poll " + Durations.format(p) + " is longer than the shortest bake "
              + Durations.format(shortestBake.get()) + ": a step could pass without its alarms being read",
          "poll at most as long as the shortest bake, e.g. poll: 10s");
    }
    return poll;
  }

  private Optional<UnknownAction> onUnknown(ObjectNode gates) {
    Optional<String> text = fields.text(gates, "onUnknown", "gates", false, "revert");
    if (text.isEmpty()) {
      return Fields.get(gates, "onUnknown") == null ? Optional.of(UnknownAction.REVERT) : Optional.empty();
    }
    String v = text.get().trim().toLowerCase(Locale.ROOT);
    if (v.equals("revert")) {
      return Optional.of(UnknownAction.REVERT);
    }
    if (v.equals("hold")) {
      return Optional.of(UnknownAction.HOLD);
    }
    problems.error("gates.onUnknown", "onUnknown `" + text.get() + "` is neither revert nor hold",
        "write onUnknown: revert (default: could-not-measure is never healthy) or onUnknown: hold");
    return Optional.empty();
  }

  /** The fault policy, {@link FaultPolicy#DEFAULT} for each value not written, or empty when one is wrong. */
  Optional<FaultPolicy> faults(ObjectNode root) {
    JsonNode node = Fields.get(root, "faults");
    if (node == null) {
      return Optional.of(FaultPolicy.DEFAULT);
    }
    Optional<ObjectNode> o = fields.object(node, "faults", "{ retryDeadline: 2m, inSyncTimeout: 5m }");
    if (o.isEmpty()) {
      return Optional.empty();
    }
    fields.refuseUnknownKeys(o.get(), "faults", FAULT_KEYS);
    FaultPolicy d = FaultPolicy.DEFAULT;
    Optional<Duration> retry = positive(o.get(), "retryDeadline", d.retryDeadline(), "2m");
    Optional<Duration> inSync = positive(o.get(), "inSyncTimeout", d.inSyncTimeout(), "5m");
    Optional<Double> rate = fields.number(o.get(), "route53RatePerSecond", "faults", "4");
    boolean rateWritten = Fields.get(o.get(), "route53RatePerSecond") != null;
    if (rate.isPresent() && !(rate.get() > 0)) {
      problems.error("faults.route53RatePerSecond", "route53RatePerSecond " + rate.get() + " is not positive",
          "use a positive rate, e.g. 4 (Route 53 allows about 5 requests per second)");
      return Optional.empty();
    }
    if (retry.isEmpty() || inSync.isEmpty() || (rateWritten && rate.isEmpty())) {
      return Optional.empty();
    }
    return Optional.of(new FaultPolicy(retry.get(), rate.orElse(d.route53RatePerSecond()), inSync.get()));
  }

  private Optional<Duration> positive(ObjectNode faults, String key, Duration fallback, String example) {
    if (Fields.get(faults, key) == null) {
      return Optional.of(fallback);
    }
    Optional<Duration> d = fields.duration(faults, key, "faults", false, example);
    if (d.isPresent() && d.get().isZero()) {
      problems.error(Paths.child("faults", key), key + " 0s is not positive", "use e.g. " + key + ": " + example);
      return Optional.empty();
    }
    return d;
  }
}
