package dev.cutover.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.domain.CutoverEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failover between {@code cutover serve} instances (issue 8, "Instances that take over for each other"), with real
 * processes: two {@code java -jar target/cutover.jar serve} on one DynamoDB Local table, Route 53 and CloudWatch from
 * the sandbox, everything on 127.0.0.1 and in wall time (each process's compressed clock would start at its own
 * origin, so lease expiry times would mean nothing across processes). Leases last {@value #LEASE_SECONDS} s, each
 * server looks for orphaned cutovers every second, the plans poll every second. Every plan has its own zone with two
 * record pairs; the crash test's invariants hold throughout ({@link CutoverInvariants}). The failover times are
 * printed for the lead's report; the bounds asserted leave slack for a shared, noisy machine.
 */
@Timeout(300)
class ServeFailoverIT {
  static final int LEASE_SECONDS = 6;
  static final Duration LEASE = Duration.ofSeconds(LEASE_SECONDS);
  static final Duration TAKEOVER_EVERY = Duration.ofSeconds(1);
  static final Duration POLL = FailoverWorld.POLL;
  /** A loaded two-core machine: JVMs starting, GC, DynamoDB Local and the sandbox in the test's JVM. */
  static final Duration SLACK = Duration.ofSeconds(2);

  @TempDir Path dir;
  FailoverWorld world;
  String token;
  final List<ServeProcess> servers = new ArrayList<>();

  @BeforeEach
  void world() throws Exception {
    world = new FailoverWorld(dir);
    token = world.table.adminToken(dir);
  }

  @AfterEach
  void close() throws Exception {
    for (ServeProcess s : servers) {
      s.close();
    }
    world.close();
  }

  /** Two instances, started side by side, each ready. */
  List<ServeProcess> twoServers(Duration lease, String... args) throws Exception {
    ServeProcess a = ServeProcess.start("serve-a", dir, world.sandbox, world.table, lease, TAKEOVER_EVERY, args);
    ServeProcess b = ServeProcess.start("serve-b", dir, world.sandbox, world.table, lease, TAKEOVER_EVERY, args);
    servers.add(a);
    servers.add(b);
    return List.of(a.awaitReady(Duration.ofSeconds(90)), b.awaitReady(Duration.ofSeconds(90)));
  }

  Supplier<String> logs() {
    return () -> servers.stream().map(ServeProcess::tail).collect(Collectors.joining("\n"));
  }

  void submit(ServeProcess server, String yaml) throws Exception {
    var r = server.submit(token, yaml);
    assertThat(r.statusCode()).as("%s accepts the plan: %s", server.name, r.body()).isEqualTo(201);
  }

  CutoverEvent awaitEvent(String plan, Duration timeout, Predicate<CutoverEvent> what) throws Exception {
    return world.await(plan, timeout, what, logs());
  }

  /** Waits until every plan has finished, then requires each completed with every invariant kept. */
  void awaitAllConverged() throws Exception {
    for (String p : world.plans()) {
      awaitEvent(p, Duration.ofSeconds(90), FailoverWorld::finished);
    }
    List<String> problems = new ArrayList<>();
    for (String p : world.plans()) {
      problems.addAll(world.converged(p));
    }
    assertThat(problems).as(logs().get()).isEmpty();
    world.assertNoPairEverAllZeroOrHalfShifted();
  }

  static long count(List<CutoverEvent> journal, Class<? extends CutoverEvent> type) {
    return journal.stream().filter(type::isInstance).count();
  }

  @Test
  void twoInstancesOnOneTableEachRunADisjointSetOfCutovers() throws Exception {
    Path plans = Files.createDirectories(dir.resolve("plans"));
    for (String name : List.of("shared-1", "shared-2")) {
      Files.writeString(plans.resolve(name + ".yaml"), world.plan(name, Duration.ofSeconds(8)));
    }
    String onA = world.plan("only-a", Duration.ofSeconds(8));
    String onB = world.plan("only-b", Duration.ofSeconds(8));
    // both instances are given the same --plans directory (the same configuration everywhere): each of its plans
    // must still run on exactly one of them
    List<ServeProcess> two = twoServers(LEASE, "--plans", plans.toString());
    submit(two.get(0), onA);
    submit(two.get(1), onB);
    awaitEvent("only-a", Duration.ofSeconds(30), e -> e instanceof CutoverEvent.Started);
    var elsewhere = two.get(1).submit(token, onA);
    assertThat(elsewhere.statusCode()).as(elsewhere.body()).isEqualTo(409);
    assertThat(elsewhere.body()).contains("plan only-a is running elsewhere");

    Map<String, Set<String>> ranOn = new TreeMap<>();
    Set<String> violations = new TreeSet<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (System.nanoTime() < deadline && !allEnded()) {
      for (ServeProcess s : two) {
        for (String p : s.running(token)) {
          ranOn.computeIfAbsent(p, k -> new TreeSet<>()).add(s.name);
          var lease = world.table.lease(p);
          if (lease.isPresent() && lease.get().pid() != s.pid() && s.running(token).contains(p)) {
            violations.add(p + " runs on " + s.name + " but its lease names pid " + lease.get().pid());
          }
        }
      }
      ranOn.forEach((p, on) -> {
        if (on.size() > 1) {
          violations.add(p + " ran on " + on);
        }
      });
      Thread.sleep(200);
    }

    System.out.println("two serve instances on one table: each plan ran on " + ranOn);
    assertThat(violations).as(logs().get()).isEmpty();
    assertThat(ranOn.keySet()).as("every plan ran somewhere").containsExactlyInAnyOrderElementsOf(world.plans());
    assertThat(ranOn.get("only-a")).containsExactly("serve-a");
    assertThat(ranOn.get("only-b")).containsExactly("serve-b");
    awaitAllConverged();
    for (String p : world.plans()) {
      List<CutoverEvent> journal = world.table.journal(p);
      assertThat(count(journal, CutoverEvent.Started.class)).as("%s started once", p).isEqualTo(1);
      assertThat(journal).as("%s never resumed nor taken over: its one controller lived", p)
          .noneMatch(e -> e instanceof CutoverEvent.Resumed || e instanceof CutoverEvent.LeaseTakenOver);
    }
    for (ServeProcess s : two) {
      assertThat(s.cutovers(token)).as("%s lists only what it ran, nothing refused or conflicting", s.name)
          .allSatisfy(c -> assertThat(c.get("exitCode").asInt()).as(c.toString()).isZero());
    }
  }

  private boolean allEnded() throws Exception {
    for (String p : world.plans()) {
      if (!world.ended(p)) {
        return false;
      }
    }
    return true;
  }

  /** Submits three plans, two to {@code a} and one to {@code b}, and waits until all three bake their first step. */
  void twoOnAOneOnB(ServeProcess a, ServeProcess b, String prefix, Duration bake) throws Exception {
    submit(a, world.plan(prefix + "-1", bake));
    submit(a, world.plan(prefix + "-2", bake));
    submit(b, world.plan(prefix + "-3", bake));
    for (String p : world.plans()) {
      awaitEvent(p, Duration.ofSeconds(60), FailoverWorld::baking);
    }
    assertThat(a.running(token)).containsExactlyInAnyOrder(prefix + "-1", prefix + "-2");
  }

  /**
   * The bound: the dead instance renewed its lease at most a third of the lease before the kill, so the lease
   * expires at most one lease time after it; the survivor's next scan (every {@code --takeover-every}) finds the
   * plan unheld; taking the lease and resuming (the resume preflight reads the world once, as a poll does) takes
   * about one poll. Hence lease + takeover-every + poll, plus slack for a loaded machine.
   */
  @Test
  void aKilledInstancesCutoversAreResumedByTheOtherWithinTheLeaseTimePlusOnePollWithAFreshBake() throws Exception {
    List<ServeProcess> two = twoServers(LEASE);
    ServeProcess a = two.get(0);
    ServeProcess b = two.get(1);
    twoOnAOneOnB(a, b, "kill", Duration.ofSeconds(15));
    List<String> orphans = List.of("kill-1", "kill-2");

    Instant killed = Instant.now();
    a.kill();
    Map<String, Instant> leaseExpiry = new TreeMap<>();
    for (String p : orphans) {
      leaseExpiry.put(p, world.table.lease(p).orElseThrow().expiresAt());
    }

    Duration bound = LEASE.plus(TAKEOVER_EVERY).plus(POLL).plus(SLACK);
    List<Double> failover = new ArrayList<>();
    for (String p : orphans) {
      CutoverEvent.Resumed resumed = (CutoverEvent.Resumed) awaitEvent(p, bound.multipliedBy(3),
          e -> e instanceof CutoverEvent.Resumed);
      failover.add(FailoverWorld.seconds(killed, resumed.at()));
      CutoverEvent.LeaseTakenOver takeover = (CutoverEvent.LeaseTakenOver) world.table.journal(p).stream()
          .filter(CutoverEvent.LeaseTakenOver.class::isInstance).findFirst().orElseThrow(() ->
              new AssertionError(p + ": resumed without journalling the takeover of the dead instance's lease"));
      assertThat(takeover.at()).as("%s: never taken while the dead instance's lease was valid", p)
          .isAfterOrEqualTo(leaseExpiry.get(p));
      assertThat(takeover.forced()).isFalse();
      assertThat(resumed.step()).as("%s resumes the step that was baking", p).isZero();
    }
    System.out.printf("serve failover after kill -9 (lease %d s, takeover scan every %d s, poll %d s): %s s from the"
        + " kill to `resumed` journalled by the other instance%n", LEASE_SECONDS, TAKEOVER_EVERY.toSeconds(),
        POLL.toSeconds(), failover);
    assertThat(failover).as("kill -> resumed, in seconds; bound %s", bound)
        .allMatch(s -> s <= bound.toMillis() / 1000.0);
    assertThat(b.running(token)).as("the survivor runs the dead instance's cutovers and its own")
        .containsExactlyInAnyOrder("kill-1", "kill-2", "kill-3");

    awaitAllConverged();
    for (String p : orphans) {
      assertThat(FailoverWorld.freshBakeAfterResume(world.table.journal(p)))
          .as("%s baked its live step again from the start", p).isTrue();
    }
    assertThat(world.table.journal("kill-3")).as("the survivor's own cutover was never interrupted")
        .noneMatch(e -> e instanceof CutoverEvent.Resumed || e instanceof CutoverEvent.LeaseTakenOver);
  }

  /**
   * SIGTERM is a clean stop: the instance halts its cutovers where their journals say, deletes its leases and
   * exits 0, so the other instance need not wait for the leases to expire: it resumes them at its next scan. A
   * longer lease here (15 s) keeps "released" and "expired" far apart.
   */
  @Test
  void aStoppedInstanceReleasesItsLeasesAndTheOtherResumesItsCutoversBeforeTheyWouldHaveExpired() throws Exception {
    Duration lease = Duration.ofSeconds(15);
    List<ServeProcess> two = twoServers(lease);
    ServeProcess a = two.get(0);
    twoOnAOneOnB(a, two.get(1), "term", Duration.ofSeconds(15));
    List<String> orphans = List.of("term-1", "term-2");

    Instant stopped = Instant.now();
    a.terminate();
    assertThat(a.exit(Duration.ofSeconds(30))).as(a.tail()).isZero();
    for (String p : orphans) {
      assertThat(world.table.lease(p).map(SharedTable.Lease::pid)).as("%s: the stopped instance's lease is gone", p)
          .isNotEqualTo(Optional.of(a.pid()));
    }

    List<Double> failover = new ArrayList<>();
    for (String p : orphans) {
      CutoverEvent.Resumed resumed = (CutoverEvent.Resumed) awaitEvent(p, lease.multipliedBy(2),
          e -> e instanceof CutoverEvent.Resumed);
      failover.add(FailoverWorld.seconds(stopped, resumed.at()));
      assertThat(world.table.journal(p)).as("%s: a released lease is free, nothing to take over", p)
          .noneMatch(e -> e instanceof CutoverEvent.LeaseTakenOver);
    }
    System.out.printf("serve failover after SIGTERM (lease %d s, takeover scan every %d s): %s s from the signal to"
        + " `resumed` journalled by the other instance%n", lease.toSeconds(), TAKEOVER_EVERY.toSeconds(), failover);
    assertThat(failover).as("SIGTERM -> resumed, in seconds: before the lease (%s) would have expired", lease)
        .allMatch(s -> s < lease.toSeconds());

    awaitAllConverged();
    for (String p : orphans) {
      List<CutoverEvent> journal = world.table.journal(p);
      assertThat(FailoverWorld.freshBakeAfterResume(journal)).as("%s baked its live step again from the start", p)
          .isTrue();
      assertThat(journal).as("%s: the stop moved no traffic", p)
          .noneMatch(e -> e instanceof CutoverEvent.RevertIntent);
    }
  }
}
