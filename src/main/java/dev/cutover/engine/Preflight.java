package dev.cutover.engine;

import dev.cutover.domain.AlarmStatus;
import dev.cutover.domain.PairState;
import dev.cutover.domain.Plan;
import dev.cutover.domain.Split;
import dev.cutover.domain.WeightedRecord;
import dev.cutover.port.DnsWeights;
import dev.cutover.port.Signals;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Everything checked before the first change (issue: preflight). Each problem names the record or alarm and
 * says what to do. Nothing here writes to AWS.
 */
public final class Preflight {
  private final DnsWeights dns;
  private final Signals signals;

  public Preflight(DnsWeights dns, Signals signals) {
    this.dns = dns;
    this.signals = signals;
  }

  /** The outcome: the world as read, blocking problems, and warnings. */
  public record Report(List<PairState> world, List<String> problems, List<String> warnings,
      List<String> breached) {
    public boolean passed() {
      return problems.isEmpty();
    }

    /** The common split of every pair, when they agree and are readable. */
    public java.util.Optional<Split> split() {
      if (world.isEmpty() || world.stream().anyMatch(p -> p.split().isEmpty())) {
        return java.util.Optional.empty();
      }
      Split first = world.get(0).split().get();
      return world.stream().allMatch(p -> p.isExactly(first)) ? java.util.Optional.of(first)
          : java.util.Optional.empty();
    }
  }

  /**
   * @param expected the split the world must be at: 0 for a fresh run, the journalled split for a resume, or
   *     null to accept any consistent split (status, plan)
   */
  public Future<Report> check(Plan plan, Split expected) {
    return check(plan, expected, false);
  }

  /**
   * @param resuming when true an alarm in ALARM is only a warning: the resumed run's first poll reverts, which
   *     is what a breached gate must lead to, rather than leaving traffic where the crash left it
   */
  public Future<Report> check(Plan plan, Split expected, boolean resuming) {
    List<String> problems = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    Future<String> apex = dns.zoneName(plan.zone()).recover(e -> {
      problems.add("hosted zone " + plan.zone() + ": " + e.getMessage());
      return Future.succeededFuture(null);
    });
    Future<List<PairState>> world = apex.compose(a -> a == null ? Future.succeededFuture(List.of())
        : dns.read(plan.zone(), plan.records()).recover(e -> {
          problems.add("could not read the records of zone " + plan.zone() + ": " + e.getMessage());
          return Future.succeededFuture(List.of());
        }));
    Future<List<AlarmStatus>> alarms = signals.describe(plan.gates().alarms()).recover(e -> {
      problems.add("could not read the CloudWatch alarms: " + e.getMessage()
          + " — check AWS credentials, region and AWS_ENDPOINT_URL_CLOUDWATCH");
      return Future.succeededFuture(null);
    });
    return Future.join(world, alarms).map(v -> {
      if (apex.result() != null) {
        checkRecords(plan, apex.result(), world.result(), expected, problems, warnings);
      }
      if (alarms.result() != null) {
        checkAlarms(plan, alarms.result(), resuming ? warnings : problems, warnings);
      }
      List<String> breached = alarms.result() == null ? List.of() : alarms.result().stream()
          .filter(a -> a.state() == AlarmStatus.State.ALARM).map(a -> "alarm " + a.name() + ": is in ALARM now ("
              + a.reason() + ") — fix the cause first").toList();
      return new Report(world.result(), List.copyOf(problems), List.copyOf(warnings), breached);
    });
  }

  private static void checkRecords(Plan plan, String apex, List<PairState> world, Split expected,
      List<String> problems, List<String> warnings) {
    String zoneName = apex.endsWith(".") ? apex : apex + ".";
    for (PairState p : world) {
      String label = p.pair().label();
      if (p.pair().name().equals(zoneName)) {
        problems.add(label + ": is the zone apex. A CNAME cannot live at the apex and Route 53 cannot alias"
            + " a Heroku host, so a weighted Heroku/AWS split is impossible there; cut over a subdomain"
            + " (www, api) and redirect the apex");
        continue;
      }
      if (!p.pair().name().endsWith("." + zoneName)) {
        problems.add(label + ": is not inside hosted zone " + plan.zone() + " (" + zoneName + ")");
        continue;
      }
      if (p.heroku() == null) {
        problems.add(label + ": no weighted record with SetIdentifier '" + p.pair().heroku()
            + "' — create the Heroku record (weight 100) or fix `heroku:` in the plan");
      }
      if (p.aws() == null) {
        problems.add(label + ": no weighted record with SetIdentifier '" + p.pair().aws()
            + "' — create the AWS record with weight 0 pointing at the load balancer, or fix `aws:`");
      }
      if (!p.complete()) {
        continue;
      }
      checkSides(plan, label, p.heroku(), p.aws(), problems, warnings);
      if (p.split().isEmpty()) {
        problems.add(label + ": both weights are 0, which Route 53 treats as an equal split; set heroku=100 aws=0"
            + " (or run `cutover rollback`) before cutting over");
      } else if (expected != null && !p.isExactly(expected)) {
        problems.add(label + ": weights are " + p.weights() + " but the run expects heroku="
            + expected.herokuWeight() + " aws=" + expected.awsWeight()
            + (expected.percent() == 0 ? "; run `cutover rollback` to reset to 100% Heroku first" : ""));
      }
    }
  }

  private static void checkSides(Plan plan, String label, WeightedRecord h, WeightedRecord a,
      List<String> problems, List<String> warnings) {
    if (h.alias() == null && h.values().size() != 1 || a.alias() == null && a.values().size() != 1) {
      problems.add(label + ": a weighted record must hold exactly one value (heroku has " + h.values().size()
          + ", aws has " + a.values().size() + ")");
    }
    if (h.ttl() != null && a.ttl() != null && !h.ttl().equals(a.ttl())) {
      problems.add(label + ": TTLs differ (heroku " + h.ttl() + " s, aws " + a.ttl()
          + " s); every record of a weighted group must have the same TTL");
    }
    long ttl = Math.max(h.ttl() == null ? 60 : h.ttl(), a.ttl() == null ? 60 : a.ttl());
    if (Duration.ofSeconds(ttl).compareTo(plan.maxTtl()) > 0) {
      problems.add(label + ": TTL " + ttl + " s is above maxTtl " + plan.maxTtl().toSeconds()
          + " s; lower it to 60 s 24–48 h before the cutover so resolvers follow a revert quickly");
    } else if (ttl > 60) {
      warnings.add(label + ": TTL " + ttl + " s; a revert takes at least that long to reach every client."
          + " Lower it to 60 s 24–48 h ahead");
    }
    if (h.healthCheckId() != null || a.healthCheckId() != null) {
      warnings.add(label + ": has a Route 53 health check; if every non-zero record is unhealthy Route 53 may"
          + " send traffic to a weight-0 record");
    }
  }

  private static void checkAlarms(Plan plan, List<AlarmStatus> found, List<String> breaches,
      List<String> warnings) {
    Map<String, AlarmStatus> byName =
        found.stream().collect(Collectors.toMap(AlarmStatus::name, Function.identity(), (x, y) -> x));
    for (String name : plan.gates().alarms()) {
      AlarmStatus s = byName.get(name);
      if (s == null) {
        breaches.add("alarm " + name + ": does not exist (metric or composite) — create it (see"
            + " runbooks/release-manager.md) or fix gates.alarms");
      } else if (s.state() == AlarmStatus.State.ALARM) {
        breaches.add("alarm " + name + ": is in ALARM now (" + s.reason() + ") — fix the cause first");
      } else if (s.state() == AlarmStatus.State.INSUFFICIENT_DATA) {
        warnings.add("alarm " + name + ": INSUFFICIENT_DATA — the bake clock holds until it has data;"
            + " expected for AWS-side alarms before traffic arrives");
      }
    }
  }
}
