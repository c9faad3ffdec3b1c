package dev.cutover.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.domain.CutoverEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plain {@code cutover run} on the shared store (issue 8: "The same for a plain cutover run"), with real
 * processes against DynamoDB Local in wall time, leases of {@value #LEASE_SECONDS} s: a run that finds the plan's
 * lease held by a run killed with {@code kill -9} waits for it to expire, saying so, and takes over (a pipeline
 * retrying the job on another runner just works); a run that finds a live holder waits, sees it renew, and exits 6.
 */
@Timeout(240)
class RunTakeoverIT {
  static final int LEASE_SECONDS = 12; // long enough that the retried JVM starts (loaded CI) before the lease expires
  static final Duration LEASE = Duration.ofSeconds(LEASE_SECONDS);
  /** How long past the lease's expiry the waiting run tries again (Controller's margin for clock skew). */
  static final Duration MARGIN = Duration.ofSeconds(1);
  static final Duration SLACK = Duration.ofSeconds(2);

  @TempDir Path dir;
  FailoverWorld world;
  final List<ControllerProcess> runs = new ArrayList<>();

  @BeforeEach
  void world() throws Exception {
    world = new FailoverWorld(dir);
  }

  @AfterEach
  void close() throws Exception {
    for (ControllerProcess r : runs) {
      r.close();
    }
    world.close();
  }

  Path planFile(String name, Duration bake) throws Exception {
    return Files.writeString(dir.resolve(name + ".yaml"), world.plan(name, bake));
  }

  /** {@code cutover run PLAN --store dynamodb:TABLE --lease 6s} as {@code name}, in its own directory. */
  ControllerProcess run(String name, Path plan) throws Exception {
    Path home = Files.createDirectories(dir.resolve(name));
    List<String> args = new ArrayList<>(List.of("run", plan.toString(), "--route53-endpoint",
        world.sandbox.endpoint.toString(), "--cloudwatch-endpoint", world.sandbox.endpoint.toString(), "--by", name));
    args.addAll(world.table.storeArgs(LEASE));
    ControllerProcess p = ControllerProcess.start(home.resolve("state"), home.resolve("console.log"),
        world.table.env(), args.toArray(String[]::new));
    runs.add(p);
    return p;
  }

  Supplier<String> logs() {
    return () -> String.join("\n", runs.stream().map(ControllerProcess::tail).toList());
  }

  /**
   * The bound: the killed run's lease expires at most one lease time after the kill (it renewed a third of a lease
   * before at most); the retry waits until then plus its margin, takes the lease, and its resume preflight reads
   * the world once (about one poll). Its JVM starts while it waits.
   */
  @Test
  void aRunRetriedRightAfterTheFirstWasKilledWaitsForItsLeaseToExpireSayingSoThenTakesOverAndCompletes()
      throws Exception {
    Path plan = planFile("retried", Duration.ofSeconds(10));
    ControllerProcess first = run("first", plan);
    world.await("retried", Duration.ofSeconds(60), FailoverWorld::baking, logs());

    Instant killed = Instant.now();
    first.process.destroyForcibly().waitFor(20, java.util.concurrent.TimeUnit.SECONDS);
    Instant expiry = world.table.lease("retried").orElseThrow().expiresAt();
    ControllerProcess second = run("second", plan);

    CutoverEvent.Resumed resumed = (CutoverEvent.Resumed) world.await("retried", LEASE.multipliedBy(5),
        e -> e instanceof CutoverEvent.Resumed, logs());
    double failover = FailoverWorld.seconds(killed, resumed.at());
    System.out.printf("cutover run retried after kill -9 (lease %d s): %.3f s from the kill to `resumed`%n",
        LEASE_SECONDS, failover);
    CutoverEvent.LeaseTakenOver takeover = (CutoverEvent.LeaseTakenOver) world.table.journal("retried").stream()
        .filter(CutoverEvent.LeaseTakenOver.class::isInstance).findFirst().orElseThrow();
    assertThat(takeover.at()).as("never taken while the killed run's lease was valid").isAfterOrEqualTo(expiry);
    assertThat(takeover.forced()).isFalse();
    assertThat(failover).as("kill -> resumed, in seconds")
        .isLessThanOrEqualTo(LEASE.plus(MARGIN).plus(FailoverWorld.POLL).plus(SLACK).toMillis() / 1000.0);

    assertThat(second.exit(Duration.ofSeconds(60))).as(second.tail()).isZero();
    assertThat(Files.readString(second.log)).as("it said it waits, for whom and until when")
        .contains("plan retried is held by cutover retried-").contains("its lease expires at " + expiry)
        .contains("then taking over");
    assertThat(world.converged("retried")).as(logs().get()).isEmpty();
    assertThat(FailoverWorld.freshBakeAfterResume(world.table.journal("retried")))
        .as("the live step baked again from the start").isTrue();
    world.assertNoPairEverAllZeroOrHalfShifted();
  }

  @Test
  void aRunFacingALiveHolderWaitsForItsLeaseSeesItRenewedAndExitsSix() throws Exception {
    Path plan = planFile("held", Duration.ofSeconds(20));
    ControllerProcess first = run("first", plan);
    world.await("held", Duration.ofSeconds(60), FailoverWorld::baking, logs());
    long holder = first.process.pid();

    Instant started = Instant.now();
    ControllerProcess second = run("second", plan);
    int exit = second.exit(Duration.ofSeconds(60));
    double waited = FailoverWorld.seconds(started, Instant.now());
    System.out.printf("cutover run against a live holder (lease %d s): exit %d after %.3f s%n", LEASE_SECONDS, exit,
        waited);

    assertThat(exit).as(second.tail()).isEqualTo(6);
    assertThat(Files.readString(second.log)).contains("then taking over")
        .contains("a live run (it renewed its lease while we waited)");
    assertThat(world.table.lease("held")).as("the holder keeps its lease")
        .hasValueSatisfying(l -> assertThat(l.pid()).isEqualTo(holder));
    assertThat(first.exit(Duration.ofSeconds(60))).as(first.tail()).isZero();
    List<CutoverEvent> journal = world.table.journal("held");
    assertThat(journal).as("one controller from start to end")
        .noneMatch(e -> e instanceof CutoverEvent.Resumed || e instanceof CutoverEvent.LeaseTakenOver)
        .filteredOn(CutoverEvent.Started.class::isInstance).hasSize(1);
    assertThat(world.converged("held")).as(logs().get()).isEmpty();
    world.assertNoPairEverAllZeroOrHalfShifted();
  }
}
