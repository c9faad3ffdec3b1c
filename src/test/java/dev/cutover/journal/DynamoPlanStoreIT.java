package dev.cutover.journal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.domain.CutoverEvent;
import dev.cutover.domain.GateReading;
import dev.cutover.domain.OperatorCommand;
import dev.cutover.domain.Phase;
import dev.cutover.domain.RevertCause;
import dev.cutover.domain.Split;
import dev.cutover.domain.Verdict;
import dev.cutover.port.LeaseHeldException;
import dev.cutover.port.PlanStore;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The shared plan store against DynamoDB Local over the real SDK client: journal, lease, inbox. */
class DynamoPlanStoreIT extends DynamoLocalStores {
  @Test
  void createTableIfMissingIsIdempotent() throws Exception {
    await(store().createTableIfMissing());
    var described = client.describeTable(b -> b.tableName(TABLE)).get(5, TimeUnit.SECONDS).table();
    assertThat(described.keySchema()).extracting(k -> k.attributeName()).containsExactly("PK", "SK");
  }

  @Test
  void journalReadsBackEveryEventInOrderAcrossPages() throws Exception {
    List<CutoverEvent> events = List.of(
        new CutoverEvent.Started(T0, "c-1", plan, "alice", List.of(5, 50, 100)),
        new CutoverEvent.PreflightPassed(T0, Split.ALL_HEROKU, List.of("ttl is 300s")),
        new CutoverEvent.ShiftIntent(T0.plusSeconds(1), 0, Split.ALL_HEROKU, Split.of(5)),
        new CutoverEvent.ChangeSubmitted(T0.plusSeconds(2), "C1", Split.of(5), "step 1", List.of("DELETE x")),
        new CutoverEvent.BakeStarted(T0.plusSeconds(60), 0, Split.of(5), Duration.ofMinutes(10)),
        new CutoverEvent.GatesRead(T0.plusSeconds(70), Verdict.BREACHED,
            List.of(new GateReading("api-5xx", Verdict.BREACHED, "ALARM"))),
        new CutoverEvent.RevertIntent(T0.plusSeconds(71), RevertCause.GATE, "api-5xx", "alarm"),
        new CutoverEvent.Finished(T0.plusSeconds(90), Phase.ROLLED_BACK, 4, "api-5xx breached"));
    DynamoPlanStore store = new DynamoPlanStore(vertx, scheduler, client,
        DynamoPlanStore.Settings.DEFAULTS.withTable(TABLE), plan, 3);
    for (CutoverEvent e : events) {
      await(store.journal().append(e));
    }

    assertThat(await(store.journal().readAll())).containsExactlyElementsOf(events);
    assertThat(await(store().journal().readAll())).as("another process reads the same journal")
        .containsExactlyElementsOf(events);
  }

  @Test
  void aSecondAcquireIsRefusedNamingTheHolderAndSince() throws Exception {
    PlanStore.Lease first = await(store().acquire("c-first", false));

    Throwable refused = failure(store().acquire("c-second", false));

    assertThat(refused).isInstanceOf(LeaseHeldException.class)
        .hasMessageContaining("cutover c-first").hasMessageContaining("since " + T0)
        .hasMessageContaining("lease valid until " + T0.plusSeconds(30));
    assertThat(first.takenOverFrom()).isNull();
  }

  @Test
  void twoRunsRacingForAFreeLeaseGetOneWinner() throws Exception {
    Future<PlanStore.Lease> one = store().acquire("c-one", false);
    Future<PlanStore.Lease> two = store().acquire("c-two", false);
    settle(one);
    settle(two);

    assertThat(one.succeeded() ^ two.succeeded()).as("exactly one run holds the lease").isTrue();
    assertThat(one.succeeded() ? two.cause() : one.cause()).isInstanceOf(LeaseHeldException.class)
        .hasMessageContaining(one.succeeded() ? "c-one" : "c-two");
  }

  @Test
  void anExpiredLeaseIsTakenOverAndNamesItsFormerHolder() throws Exception {
    await(store().acquire("c-dead", false));
    scheduler.advanceClockOnly(Duration.ofSeconds(31)); // the holder died: no renewal

    PlanStore.Lease next = await(store().acquire("c-next", false));

    assertThat(next.takenOverFrom()).contains("cutover c-dead").contains("expired at " + T0.plusSeconds(30));
  }

  @Test
  void forceTakesOverALiveLeaseAndTheFormerHolderLearnsItLostIt() throws Exception {
    DynamoPlanStore oldStore = store();
    DynamoLease old = (DynamoLease) await(oldStore.acquire("c-old", false));
    await(oldStore.journal().append(new CutoverEvent.Started(T0, "c-old", plan, "alice", List.of(100))));

    PlanStore.Lease forced = await(store().acquire("c-forced", true));
    assertThat(forced.takenOverFrom()).contains("cutover c-old").contains("forced");

    scheduler.advance(Duration.ofSeconds(10)); // the old holder's renewal finds the lease taken
    assertThat(await(old.lost())).contains("taken over by cutover c-forced");
    assertThat(failure(oldStore.journal().append(new CutoverEvent.ShiftFailed(T0, "late"))))
        .isInstanceOf(JournalConflictException.class).hasMessageContaining("lost");
  }

  @Test
  void renewalKeepsTheLeaseAliveBeyondItsDuration() throws Exception {
    DynamoLease lease = (DynamoLease) await(store().acquire("c-alive", false));

    for (int i = 0; i < 6; i++) { // 60 s, twice the lease duration, renewing every 10 s
      scheduler.advance(Duration.ofSeconds(10));
      await(lease.lastRenewal());
    }

    assertThat(lease.expiresAt()).isEqualTo(T0.plusSeconds(90));
    assertThat(await(store().controllerRunning())).isTrue();
    assertThat(failure(store().acquire("c-other", false))).isInstanceOf(LeaseHeldException.class)
        .hasMessageContaining("c-alive").hasMessageContaining("valid until " + T0.plusSeconds(90));
    assertThat(lease.lost().isComplete()).isFalse();
  }

  @Test
  void releaseLetsTheNextRunAcquireWithoutTakeover() throws Exception {
    PlanStore.Lease first = await(store().acquire("c-1", false));
    await(first.release());
    assertThat(scheduler.activeTimers()).as("renewal stopped").isZero();

    PlanStore.Lease second = await(store().acquire("c-2", false));

    assertThat(second.takenOverFrom()).isNull();
  }

  @Test
  void controllerRunningOnlyWhileALiveLeaseExists() throws Exception {
    DynamoPlanStore store = store();
    assertThat(await(store.controllerRunning())).as("no lease").isFalse();

    PlanStore.Lease lease = await(store.acquire("c-1", false));
    assertThat(await(store.controllerRunning())).as("held").isTrue();

    scheduler.advanceClockOnly(Duration.ofSeconds(30));
    assertThat(await(store.controllerRunning())).as("expired, not renewed").isFalse();

    await(lease.release());
    assertThat(await(store.controllerRunning())).as("released").isFalse();
  }

  @Test
  void concurrentWritersNeverInterleave() throws Exception {
    DynamoPlanStore a = store();
    DynamoPlanStore b = store();
    CutoverEvent first = new CutoverEvent.Started(T0, "c-a", plan, "alice", List.of(100));
    await(a.journal().append(first));
    assertThat(await(b.journal().readAll())).as("b opens at seq 1, as a controller reads first").hasSize(1);

    CutoverEvent fromA = new CutoverEvent.ShiftIntent(T0, 0, Split.ALL_HEROKU, Split.of(100));
    CutoverEvent fromB = new CutoverEvent.RevertIntent(T0, RevertCause.OPERATOR, "bob", "rollback");
    Future<Void> byA = a.journal().append(fromA);
    Future<Void> byB = b.journal().append(fromB);
    settle(byA);
    settle(byB);

    assertThat(byA.succeeded() ^ byB.succeeded()).as("exactly one append wins seq 2").isTrue();
    DynamoPlanStore winner = byA.succeeded() ? a : b;
    DynamoPlanStore loser = byA.succeeded() ? b : a;
    Throwable lost = byA.succeeded() ? byB.cause() : byA.cause();
    assertThat(lost).isInstanceOf(JournalConflictException.class).hasMessageContaining("another writer");

    CutoverEvent more = new CutoverEvent.ShiftFailed(T0, "winner goes on");
    await(winner.journal().append(more));
    assertThat(failure(loser.journal().append(new CutoverEvent.ShiftFailed(T0, "loser"))))
        .as("the loser is fenced").isInstanceOf(JournalConflictException.class);
    assertThat(await(a.journal().readAll()))
        .containsExactly(first, byA.succeeded() ? fromA : fromB, more);
  }

  @Test
  void eachSentCommandIsTakenOnceInOrder() throws Exception {
    DynamoPlanStore sender = store();
    DynamoPlanStore controller = store();
    await(controller.acquire("c-1", false));
    OperatorCommand pause = new OperatorCommand(OperatorCommand.Kind.PAUSE, "alice", T0);
    OperatorCommand resume = new OperatorCommand(OperatorCommand.Kind.RESUME, "bob", T0.plusSeconds(1));
    await(sender.send(pause));
    scheduler.advanceClockOnly(Duration.ofMillis(1));
    await(sender.send(resume));

    List<OperatorCommand> taken = new ArrayList<>(await(controller.inbox().take()));
    taken.addAll(await(controller.inbox().take()));

    assertThat(taken).containsExactly(pause, resume);
  }

  @Test
  void twoTakersRacingDeliverEachCommandOnce() throws Exception {
    DynamoPlanStore sender = store();
    List<OperatorCommand> sent = new ArrayList<>();
    for (OperatorCommand.Kind kind : OperatorCommand.Kind.values()) {
      OperatorCommand c = new OperatorCommand(kind, "alice", scheduler.clock().instant());
      await(sender.send(c));
      sent.add(c);
      scheduler.advanceClockOnly(Duration.ofMillis(1));
    }

    Future<List<OperatorCommand>> one = store().inbox().take();
    Future<List<OperatorCommand>> two = store().inbox().take();

    List<OperatorCommand> delivered = new ArrayList<>(await(one));
    delivered.addAll(await(two));
    assertThat(delivered).containsExactlyInAnyOrderElementsOf(sent);
  }

  @Test
  void commandsLeftFromAnEarlierRunAreDroppedWhenTheLeaseIsTaken() throws Exception {
    await(store().send(new OperatorCommand(OperatorCommand.Kind.ABORT, "alice", T0)));

    DynamoPlanStore controller = store();
    await(controller.acquire("c-new", false));

    assertThat(await(controller.inbox().take())).isEmpty();
  }


  static void settle(Future<?> future) throws Exception {
    try {
      future.toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      // inspected by the caller
    }
  }
}
