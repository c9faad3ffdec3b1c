package dev.cutover.sandbox;

import dev.cutover.domain.FaultPolicy;
import dev.cutover.domain.GatePolicy;
import dev.cutover.domain.Plan;
import dev.cutover.domain.RecordPair;
import dev.cutover.domain.Split;
import dev.cutover.domain.Step;
import dev.cutover.sandbox.cloudwatch.CloudWatchModel;
import dev.cutover.sandbox.route53.Change;
import dev.cutover.sandbox.route53.ChangeAction;
import dev.cutover.sandbox.route53.RecordSet;
import dev.cutover.sandbox.route53.Route53Model;
import dev.cutover.sandbox.route53.WeightedAnswer;
import dev.cutover.sandbox.traffic.Metrics;
import dev.cutover.sandbox.traffic.Route;
import dev.cutover.sandbox.traffic.TrafficConfig;
import dev.cutover.sandbox.traffic.TrafficModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The world a plan expects, built in the sandbox: the plan's hosted zone under the plan's own zone id, for each
 * record pair a Heroku weighted CNAME (weight 100) and an AWS weighted CNAME (weight 0) with the same TTL, and for
 * each gate the alarm a release manager would create ({@link GateAlarms}): names with {@code latency} or
 * {@code p99} get a p99 response-time alarm, names starting with {@code composite} an ALARM(a) OR ALARM(b) of the
 * others, every other name a 5xx-rate alarm. All traffic is on Heroku until someone shifts it.
 */
public final class SandboxWorld {
  /** Simulated seconds per wall second for the demo: one simulated minute per wall second. */
  public static final double DEMO_SPEED = 60;
  /** The TTL of the sandbox records (never above the plan's maxTtl). */
  static final long TTL_SECONDS = 60;

  private final Plan plan;
  private final Route53Model dns;
  private final CloudWatchModel cloudWatch;
  private final String zoneName;
  private final List<Route> routes;
  private final Metrics alb;
  private final Metrics heroku;

  private SandboxWorld(Plan plan, Route53Model dns, CloudWatchModel cloudWatch, String zoneName, List<Route> routes,
      Metrics alb, Metrics heroku) {
    this.plan = plan;
    this.dns = dns;
    this.cloudWatch = cloudWatch;
    this.zoneName = zoneName;
    this.routes = routes;
    this.alb = alb;
    this.heroku = heroku;
  }

  /** Builds (or resets to all-Heroku) the world of {@code plan} on a running sandbox server. */
  public static SandboxWorld build(Plan plan, SandboxServer server) {
    return build(plan, server.route53(), server.cloudWatch());
  }

  /** Builds (or resets to all-Heroku) the world of {@code plan} in the two models. Idempotent. */
  public static SandboxWorld build(Plan plan, Route53Model dns, CloudWatchModel cloudWatch) {
    for (RecordPair pair : plan.records()) {
      if (!pair.type().equals("CNAME")) {
        throw new IllegalArgumentException("the sandbox builds CNAME pairs only (Heroku's target is a CNAME to"
            + " *.herokudns.com), but " + pair.label() + " is " + pair.type() + "; write type: CNAME");
      }
    }
    String zoneName = zoneNameOf(plan.records());
    dns.ensureHostedZone(plan.zone(), zoneName);
    long ttl = Math.min(TTL_SECONDS, Math.max(1, plan.maxTtl().toSeconds()));
    String albDns = plan.name() + "-alb-" + digits(plan.name(), 10) + ".us-east-1.elb.amazonaws.com";
    List<Route> routes = new ArrayList<>();
    List<Change> changes = new ArrayList<>();
    for (int i = 0; i < plan.records().size(); i++) {
      RecordPair pair = plan.records().get(i);
      String herokuDns = plan.name() + "-" + (i + 1) + ".herokudns.com";
      changes.add(new Change(ChangeAction.UPSERT,
          RecordSet.weighted(pair.name(), "CNAME", pair.heroku(), Split.ALL_HEROKU.herokuWeight(), ttl, herokuDns)));
      changes.add(new Change(ChangeAction.UPSERT,
          RecordSet.weighted(pair.name(), "CNAME", pair.aws(), Split.ALL_HEROKU.awsWeight(), ttl, albDns)));
      routes.add(new Route(pair.name(), pair.type(), herokuDns, albDns));
    }
    dns.changeResourceRecordSets(plan.zone(), "sandbox world for plan " + plan.name(), changes);
    Metrics alb = Metrics.alb("app/" + plan.name() + "-alb/" + hex(plan.name()));
    createAlarms(plan.gates().alarms(), alb, cloudWatch);
    return new SandboxWorld(plan, dns, cloudWatch, zoneName, List.copyOf(routes), alb, Metrics.heroku(plan.name()));
  }

  private static void createAlarms(List<String> names, Metrics alb, CloudWatchModel cloudWatch) {
    List<String> metricAlarms = new ArrayList<>();
    List<String> composites = new ArrayList<>();
    for (String name : names) {
      switch (GateAlarms.Kind.of(name)) {
        case LATENCY -> {
          cloudWatch.putMetricAlarm(GateAlarms.latency(name, alb));
          metricAlarms.add(name);
        }
        case ERROR_RATE -> {
          cloudWatch.putMetricAlarm(GateAlarms.errorRate(name, alb));
          metricAlarms.add(name);
        }
        case COMPOSITE -> composites.add(name);
      }
    }
    for (String name : composites) {
      List<String> children = metricAlarms;
      if (children.isEmpty()) { // a composite alone: give it the two alarms it would combine
        children = List.of(name + "-5xx-rate", name + "-p99-latency");
        cloudWatch.putMetricAlarm(GateAlarms.errorRate(children.get(0), alb));
        cloudWatch.putMetricAlarm(GateAlarms.latency(children.get(1), alb));
      }
      cloudWatch.putCompositeAlarm(GateAlarms.composite(name, children));
    }
  }

  /**
   * The zone that holds every record: the longest common parent domain of the names, with at least two labels
   * ({@code api.example.com.} and {@code www.example.com.} give {@code example.com.}). A record is never the apex
   * (no CNAME there), so a single name gives its parent.
   */
  static String zoneNameOf(List<RecordPair> records) {
    List<String> common = null;
    for (RecordPair pair : records) {
      List<String> labels = labels(pair.name());
      List<String> parent = labels.subList(1, labels.size());
      if (common == null) {
        common = parent;
      } else {
        int n = 0;
        while (n < common.size() && n < parent.size()
            && common.get(common.size() - 1 - n).equals(parent.get(parent.size() - 1 - n))) {
          n++;
        }
        common = common.subList(common.size() - n, common.size());
      }
    }
    if (common == null || common.size() < 2) {
      throw new IllegalArgumentException("the records " + records + " share no parent domain of at least two"
          + " labels (like example.com.), so no one hosted zone can hold them; put them in one zone");
    }
    return String.join(".", common) + ".";
  }

  private static List<String> labels(String name) {
    String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    return Arrays.asList(n.toLowerCase(Locale.ROOT).split("\\."));
  }

  private static String digits(String seed, int n) {
    long h = Integer.toUnsignedLong(seed.hashCode()) * 2654435761L;
    String s = Long.toUnsignedString(Math.abs(h) % 10_000_000_000L) + "0000000000";
    return s.substring(0, n);
  }

  private static String hex(String seed) {
    return String.format("%016x", (long) seed.hashCode() * 0x9E3779B97F4A7C15L);
  }

  public Plan plan() {
    return plan;
  }

  public String zoneId() {
    return plan.zone();
  }

  public String zoneName() {
    return zoneName;
  }

  /** The names clients resolve, with the Heroku and ALB values of their records. */
  public List<Route> routes() {
    return routes;
  }

  /** The ALB's metrics: namespace AWS/ApplicationELB, dimension LoadBalancer=app/&lt;plan&gt;-alb/&lt;id&gt;. */
  public Metrics albMetrics() {
    return alb;
  }

  public Metrics herokuMetrics() {
    return heroku;
  }

  /**
   * The AWS share in percent that DNS answers with right now: the largest over the record pairs (a fault that
   * waits for "split at least 50" fires when any name reaches it). 0 when nothing resolves.
   */
  public int awsSplit() {
    int max = 0;
    for (int i = 0; i < routes.size(); i++) {
      RecordPair pair = plan.records().get(i);
      Optional<WeightedAnswer> answer = dns.resolve(pair.name(), pair.type());
      if (answer.isEmpty()) {
        continue;
      }
      long aws = 0;
      long total = 0;
      for (WeightedAnswer.Candidate c : answer.get().candidates()) {
        total += c.weight();
        aws += pair.aws().equals(c.setIdentifier()) ? c.weight() : 0;
      }
      if (total > 0) {
        max = Math.max(max, (int) Math.round(100.0 * aws / total));
      }
    }
    return max;
  }

  /** Simulated clients of this world's names, publishing into this world's CloudWatch; not started. */
  public TrafficModel traffic(TrafficConfig config) {
    return new TrafficModel(config, dns::resolve, cloudWatch, cloudWatch.clock(), routes, heroku, alb);
  }

  /**
   * The demo plan (the same as {@code config/demo.yaml}, which a test keeps equal): one name, 5 → 50 → 100% with
   * bakes that fit a run of well under a minute of wall time at {@link #DEMO_SPEED}× (the arithmetic is in
   * config/demo.yaml).
   */
  public static Plan demoPlan() {
    return new Plan("demo", "Z0DEMO00000000000001",
        List.of(new RecordPair("api.demo.example.com.", "CNAME", "heroku", "aws")),
        List.of(new Step(Split.of(5), Duration.ofMinutes(5), false),
            new Step(Split.of(50), Duration.ofMinutes(5), false),
            new Step(Split.of(100), Duration.ofMinutes(3), false)),
        new GatePolicy(List.of("demo-aws-5xx-rate", "demo-aws-p99-latency"), Duration.ofSeconds(10), 3,
            GatePolicy.UnknownAction.REVERT),
        Duration.ofSeconds(60), Duration.ofMinutes(3), FaultPolicy.DEFAULT);
  }
}
