package dev.cutover.bench;

import dev.cutover.domain.FaultPolicy;
import dev.cutover.domain.GatePolicy;
import dev.cutover.domain.Plan;
import dev.cutover.domain.RecordPair;
import dev.cutover.sandbox.SandboxWorld;
import dev.cutover.sandbox.cloudwatch.CloudWatchModel;
import dev.cutover.sandbox.route53.RecordSet;
import dev.cutover.sandbox.route53.Route53Model;
import dev.cutover.sandbox.traffic.Metrics;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The child JVM of {@link MemoryBench} (run it with {@code -Xmx256m}): 100 plans' worlds in 5 zones (5 record pairs
 * each: 1,000 weighted records) and their 200 gate alarms (a metric-math 5xx rate and a p99 latency per ALB), then
 * one simulated hour of per-second ALB metrics for every ALB (request count, 5xx count, 20 response times) on a
 * hand-driven clock, alarms evaluated every simulated minute; a tenth of the ALBs turn bad in the last 10 minutes.
 * Prints one {@code RESULT} line; exits 3 on OutOfMemoryError.
 */
public final class MemoryProbe {
  static final int PLANS = 100;
  static final int ZONES = 5;
  static final int PAIRS_PER_PLAN = 5;
  static final int SECONDS = 3600;

  /** A clock the probe moves by hand. */
  private static final class HandClock extends Clock {
    volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private MemoryProbe() {}

  public static void main(String[] args) {
    try {
      run();
    } catch (OutOfMemoryError e) {
      System.out.println("RESULT oom " + e.getMessage());
      System.exit(3);
    }
  }

  private static void run() {
    long began = System.nanoTime();
    HandClock clock = new HandClock();
    Route53Model dns = new Route53Model(clock);
    CloudWatchModel cloudWatch = new CloudWatchModel(clock);
    List<Metrics> albs = new ArrayList<>();
    List<String> alarms = new ArrayList<>();
    Plan demo = SandboxWorld.demoPlan();
    for (int i = 0; i < PLANS; i++) {
      int z = i % ZONES;
      List<RecordPair> pairs = new ArrayList<>();
      for (int j = 0; j < PAIRS_PER_PLAN; j++) {
        pairs.add(new RecordPair("r" + j + "-svc" + i + ".zone" + z + ".example.com.", "CNAME", "heroku", "aws"));
      }
      List<String> gates = List.of("svc" + i + "-5xx-rate", "svc" + i + "-p99-latency");
      Plan plan = new Plan("svc" + i, "Z0BENCHMEMZONE00000" + z, pairs, demo.steps(),
          new GatePolicy(gates, Duration.ofSeconds(10), 3, GatePolicy.UnknownAction.REVERT), Duration.ofSeconds(60),
          Duration.ofMinutes(3), FaultPolicy.DEFAULT);
      albs.add(SandboxWorld.build(plan, dns, cloudWatch).albMetrics());
      alarms.addAll(gates);
    }
    SplittableRandom random = new SplittableRandom(1);
    Instant start = clock.now;
    double[] latencies = new double[20];
    for (int s = 1; s <= SECONDS; s++) {
      clock.now = start.plusSeconds(s);
      boolean lateStage = s > SECONDS - 600;
      for (int a = 0; a < albs.size(); a++) {
        Metrics m = albs.get(a);
        boolean bad = lateStage && a % 10 == 0;
        double requests = 40 + random.nextInt(20);
        cloudWatch.publish(m.namespace(), Metrics.REQUEST_COUNT, m.dimensions(), clock.now, requests);
        cloudWatch.publish(m.namespace(), Metrics.TARGET_5XX, m.dimensions(), clock.now,
            bad ? Math.round(requests * 0.1) : random.nextInt(100) == 0 ? 1 : 0);
        for (int k = 0; k < latencies.length; k++) {
          latencies[k] = 0.05 + random.nextDouble() * (bad ? 1.2 : 0.3);
        }
        cloudWatch.publish(m.namespace(), Metrics.RESPONSE_TIME, m.dimensions(), clock.now, latencies);
      }
      if (s % 60 == 0) {
        cloudWatch.evaluateAll();
      }
    }
    cloudWatch.evaluateAll();
    long weighted = 0;
    for (int z = 0; z < ZONES; z++) {
      weighted += dns.records("Z0BENCHMEMZONE00000" + z).stream().filter(r -> r.setIdentifier() != null)
          .map(RecordSet::weight).count();
    }
    Map<String, Integer> states = new TreeMap<>();
    for (String a : alarms) {
      states.merge(cloudWatch.alarm(a).orElseThrow().status().value().name(), 1, Integer::sum);
    }
    double seconds = (System.nanoTime() - began) / 1e9;
    for (int i = 0; i < 3; i++) {
      System.gc();
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    System.out.printf("RESULT used=%d committed=%d max=%d records=%d alarms=%d states=%s build_seconds=%.1f%n",
        heap.getUsed(), heap.getCommitted(), heap.getMax(), weighted, alarms.size(),
        states.toString().replace(" ", ""), seconds);
    // keep the models reachable until after the measurement
    if (dns.records("Z0BENCHMEMZONE000000").isEmpty() || cloudWatch.alarm(alarms.get(0)).isEmpty()) {
      System.out.println("RESULT empty");
    }
  }
}
