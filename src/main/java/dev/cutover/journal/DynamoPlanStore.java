package dev.cutover.journal;

import dev.cutover.domain.OperatorCommand;
import dev.cutover.port.CommandInbox;
import dev.cutover.port.Journal;
import dev.cutover.port.PlanStore;
import dev.cutover.port.Scheduler;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/**
 * A plan's state shared through DynamoDB, so that a run can resume on another machine and operators can reach
 * it from anywhere: journal, single-writer lease and command inbox in one table.
 *
 * <p>Table (default {@code cutover-journal}, on-demand capacity, created by {@link #createTableIfMissing}):
 * <pre>
 *   PK (S, hash)     SK (S, range)                    attributes
 *   plan#&lt;name&gt;      event#&lt;20-digit seq&gt;            event (S, EventJson), type (S), writer (S)
 *   plan#&lt;name&gt;      lease                            cutoverId, host (S), pid (N), token (S),
 *                                                     since (S, ISO-8601), expiresAt (N, epoch ms)
 *   plan#&lt;name&gt;      cmd#&lt;20-digit nanos&gt;#&lt;random&gt;   kind, by, at (S)
 * </pre>
 * Sequence numbers start at 1. {@code expiresAt} is compared by the controllers; no DynamoDB TTL is needed
 * (an expired lease item is overwritten by the next holder, a released one is deleted).
 *
 * <p>Every write is conditional: journal items on {@code attribute_not_exists(SK)} ({@link DynamoJournal}),
 * the lease on its holder's token ({@link DynamoLease}), commands are claimed by a conditional delete
 * ({@link DynamoInbox}). Time comes from the {@link Scheduler}'s clock; the lease is renewed on its timers.
 * When the lease is lost, the journal is fenced: later appends fail with {@link JournalConflictException}.
 */
public final class DynamoPlanStore implements PlanStore {
  public static final String DEFAULT_TABLE = "cutover-journal";
  public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);

  /** The table and the lease duration; the lease is renewed every third of it. */
  public record Settings(String table, Duration lease) {
    public static final Settings DEFAULTS = new Settings(DEFAULT_TABLE, DEFAULT_LEASE);

    public Settings {
      if (table == null || table.isBlank()) {
        throw new IllegalArgumentException("DynamoDB table name is empty");
      }
      if (lease == null || lease.compareTo(Duration.ofSeconds(3)) < 0) {
        throw new IllegalArgumentException("lease duration " + lease + " is too short: use at least 3s");
      }
    }

    public Settings withTable(String t) {
      return new Settings(t, lease);
    }

    public Settings withLease(Duration d) {
      return new Settings(table, d);
    }
  }

  private final DynamoTable table;
  private final String plan;
  private final Scheduler scheduler;
  private final Duration leaseDuration;
  private final DynamoJournal journal;
  private final DynamoInbox inbox;

  public DynamoPlanStore(Vertx vertx, Scheduler scheduler, DynamoDbAsyncClient client, Settings settings,
      String plan) {
    this(vertx, scheduler, client, settings, plan, 0);
  }

  DynamoPlanStore(Vertx vertx, Scheduler scheduler, DynamoDbAsyncClient client, Settings settings, String plan,
      int journalPageSize) {
    this.table = new DynamoTable(vertx, client, settings.table());
    this.plan = Objects.requireNonNull(plan, "plan");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.leaseDuration = settings.lease();
    this.journal = new DynamoJournal(table, plan, journalPageSize);
    this.inbox = new DynamoInbox(table, plan, scheduler.clock());
  }

  /** Creates the table unless it exists (first use in an account); completes once it is active. */
  public Future<Void> createTableIfMissing() {
    return table.createIfMissing();
  }

  @Override
  public Journal journal() {
    return journal;
  }

  @Override
  public CommandInbox inbox() {
    return inbox;
  }

  /**
   * Takes the lease (see {@link DynamoLease}), then drops commands left from an earlier run. The returned lease
   * is a {@link DynamoLease}: its {@link DynamoLease#lost()} tells when another run took it.
   */
  @Override
  public Future<Lease> acquire(String cutoverId, boolean force) {
    return DynamoLease.acquire(table, plan, cutoverId, force, scheduler, leaseDuration, journal::fence)
        .compose(lease -> {
          journal.reopen();
          // a lease we cannot use is given back at once, not renewed forever
          return inbox.purge().<Lease>map(lease)
              .recover(e -> lease.release().transform(v -> Future.<Lease>failedFuture(e)));
        });
  }

  @Override
  public Future<Boolean> controllerRunning() {
    return DynamoLease.liveHolder(table, plan, scheduler.clock().instant()).map(Objects::nonNull);
  }

  @Override
  public Future<Void> send(OperatorCommand command) {
    return inbox.send(command);
  }
}
