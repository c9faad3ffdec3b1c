package dev.cutover.journal;

import static dev.cutover.journal.DynamoTable.SK;
import static dev.cutover.journal.DynamoTable.n;
import static dev.cutover.journal.DynamoTable.num;
import static dev.cutover.journal.DynamoTable.s;
import static dev.cutover.journal.DynamoTable.str;

import dev.cutover.port.LeaseHeldException;
import dev.cutover.port.PlanStore;
import dev.cutover.port.Scheduler;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The plan's single-writer lease: the item {@code lease}, written only under a condition, and renewed every
 * third of its duration while held. A process that dies simply stops renewing; once {@code expiresAt} has
 * passed the next run takes the lease over (and journals that). If a renewal finds the lease taken by someone
 * else, the lease is <i>lost</i>: {@link #lost()} completes with the reason and the plan's journal is fenced.
 */
public final class DynamoLease implements PlanStore.Lease {
  private static final Logger log = LoggerFactory.getLogger(DynamoLease.class);
  static final String SORT_KEY = "lease";

  /** Who holds the lease, as stored in the item. {@code token} is unique per acquisition. */
  record Holder(String cutoverId, String host, long pid, String token, Instant since, Instant expiresAt) {

    static Holder of(Map<String, AttributeValue> item) {
      return new Holder(str(item, "cutoverId"), str(item, "host"), num(item, "pid"), str(item, "token"),
          Instant.parse(str(item, "since")), Instant.ofEpochMilli(num(item, "expiresAt")));
    }

    Map<String, AttributeValue> item(String plan) {
      Map<String, AttributeValue> item = new HashMap<>(DynamoTable.key(plan, SORT_KEY));
      item.put("cutoverId", s(cutoverId));
      item.put("host", s(host));
      item.put("pid", n(pid));
      item.put("token", s(token));
      item.put("since", s(since.toString()));
      item.put("expiresAt", n(expiresAt.toEpochMilli()));
      return item;
    }

    String describe() {
      return "cutover " + cutoverId + " (pid " + pid + " on " + host + ")";
    }

    boolean liveAt(Instant now) {
      return expiresAt.isAfter(now);
    }
  }

  private final DynamoTable table;
  private final String plan;
  private final Scheduler scheduler;
  private final Duration duration;
  private final String takenOverFrom;
  private final Consumer<String> onLost;
  private final Promise<String> lost = Promise.promise();
  private final long timer;
  private volatile Holder me;
  private volatile boolean renewing;
  private volatile boolean ended;
  private volatile Future<Void> lastRenewal = Future.succeededFuture();

  private DynamoLease(DynamoTable table, String plan, Scheduler scheduler, Duration duration, Holder me,
      String takenOverFrom, Consumer<String> onLost) {
    this.table = table;
    this.plan = plan;
    this.scheduler = scheduler;
    this.duration = duration;
    this.me = me;
    this.takenOverFrom = takenOverFrom;
    this.onLost = onLost;
    this.timer = scheduler.periodic(duration.dividedBy(3), this::renewOnTimer);
  }

  /**
   * Takes the lease: when there is none, when the holder's lease has expired (a takeover), or by force. Else
   * fails with {@link LeaseHeldException} naming the holder, since when, and until when its lease is valid.
   */
  static Future<DynamoLease> acquire(DynamoTable table, String plan, String cutoverId, boolean force,
      Scheduler scheduler, Duration duration, Consumer<String> onLost) {
    return new Acquisition(table, plan, cutoverId, force, scheduler, duration, onLost).attempt(3);
  }

  /** The live holder of the plan's lease, if any. */
  static Future<Holder> liveHolder(DynamoTable table, String plan, Instant now) {
    return read(table, plan).map(h -> h != null && h.liveAt(now) ? h : null);
  }

  static Future<Holder> read(DynamoTable table, String plan) {
    return table.call(() -> table.client().getItem(b -> b.tableName(table.name())
            .key(DynamoTable.key(plan, SORT_KEY)).consistentRead(true)))
        .map(r -> r.hasItem() && !r.item().isEmpty() ? Holder.of(r.item()) : null);
  }

  @Override
  public String takenOverFrom() {
    return takenOverFrom;
  }

  /**
   * Completes with the reason when the lease is lost (taken over by another run, or not renewable before it
   * expired). Never completes for a lease that is released normally.
   */
  @Override
  public Future<String> lost() {
    return lost.future();
  }

  /** The most recent renewal attempt (for monitoring and tests). */
  public Future<Void> lastRenewal() {
    return lastRenewal;
  }

  /** When the lease expires unless renewed. */
  public Instant expiresAt() {
    return me.expiresAt();
  }

  private void renewOnTimer() {
    if (!ended && !renewing) {
      lastRenewal = renew();
    }
  }

  /** Extends the lease by its duration from now, on condition that it is still ours. */
  Future<Void> renew() {
    renewing = true;
    Instant until = scheduler.clock().instant().plus(duration);
    return table.call(() -> table.client().updateItem(b -> b.tableName(table.name())
            .key(DynamoTable.key(plan, SORT_KEY))
            .updateExpression("SET #exp = :exp")
            .conditionExpression("#token = :me")
            .expressionAttributeNames(Map.of("#exp", "expiresAt", "#token", "token"))
            .expressionAttributeValues(Map.of(":exp", n(until.toEpochMilli()), ":me", s(me.token())))))
        .<Void>mapEmpty()
        .onSuccess(v -> me = new Holder(me.cutoverId(), me.host(), me.pid(), me.token(), me.since(), until))
        .recover(this::renewalFailed)
        .onComplete(ar -> renewing = false);
  }

  private Future<Void> renewalFailed(Throwable e) {
    if (ended) {
      return Future.succeededFuture();
    }
    if (DynamoTable.conditionFailed(e)) {
      return read(table, plan).transform(ar -> {
        Holder now = ar.succeeded() ? ar.result() : null;
        return Future.failedFuture(new IllegalStateException(lose(now == null
            ? "the lease item was deleted by someone else"
            : "taken over by " + now.describe() + " at " + now.since())));
      });
    }
    if (!me.liveAt(scheduler.clock().instant())) {
      return Future.failedFuture(new IllegalStateException(lose("could not renew it before it expired at "
          + me.expiresAt() + ": " + e.getMessage()), e));
    }
    log.warn("plan {}: could not renew the lease (valid until {}), retrying at the next renewal: {}", plan,
        me.expiresAt(), e.toString());
    return Future.failedFuture(e);
  }

  private String lose(String why) {
    String reason = "lease of plan " + plan + " for cutover " + me.cutoverId() + " lost: " + why;
    if (ended) {
      return reason;
    }
    ended = true;
    scheduler.cancel(timer);
    log.error("{}; this controller must stop acting on the plan", reason);
    onLost.accept(reason);
    lost.tryComplete(reason);
    return reason;
  }

  /** Deletes the lease item if it is still ours; a lease already lost is left to its new holder. */
  @Override
  public Future<Void> release() {
    boolean wasLost = ended;
    ended = true;
    scheduler.cancel(timer);
    if (wasLost) {
      return Future.succeededFuture();
    }
    return table.call(() -> table.client().deleteItem(b -> b.tableName(table.name())
            .key(DynamoTable.key(plan, SORT_KEY))
            .conditionExpression("#token = :me")
            .expressionAttributeNames(Map.of("#token", "token"))
            .expressionAttributeValues(Map.of(":me", s(me.token())))))
        .<Void>mapEmpty()
        .recover(e -> {
          if (DynamoTable.conditionFailed(e)) {
            log.warn("plan {}: the lease was no longer held by cutover {} at release", plan, me.cutoverId());
            return Future.succeededFuture();
          }
          return Future.failedFuture(e);
        });
  }

  /** One acquisition: read the item, decide, write under a condition; re-read and retry on a race. */
  private static final class Acquisition {
    private final DynamoTable table;
    private final String plan;
    private final String cutoverId;
    private final boolean force;
    private final Scheduler scheduler;
    private final Duration duration;
    private final Consumer<String> onLost;
    private final String token = UUID.randomUUID().toString();

    Acquisition(DynamoTable table, String plan, String cutoverId, boolean force, Scheduler scheduler,
        Duration duration, Consumer<String> onLost) {
      this.table = table;
      this.plan = plan;
      this.cutoverId = cutoverId;
      this.force = force;
      this.scheduler = scheduler;
      this.duration = duration;
      this.onLost = onLost;
    }

    Future<DynamoLease> attempt(int left) {
      return read(table, plan).compose(old -> {
        Instant now = scheduler.clock().instant();
        Holder me = new Holder(cutoverId, HOST, PID, token, now, now.plus(duration));
        if (old != null && old.liveAt(now) && !force) {
          return Future.failedFuture(new LeaseHeldException(plan, old.describe() + " since " + old.since()
              + ", lease valid until " + old.expiresAt(), true, old.expiresAt()));
        }
        String from = old == null ? null : old.describe() + (old.liveAt(now)
            ? " (forced; its lease was valid until " + old.expiresAt() + ")"
            : " (its lease expired at " + old.expiresAt() + ")");
        return put(me, old).<DynamoLease>map(v -> {
          if (from != null) {
            log.warn("plan {}: cutover {} took the lease over from {}", plan, cutoverId, from);
          }
          return new DynamoLease(table, plan, scheduler, duration, me, from, onLost);
        }).recover(e -> DynamoTable.conditionFailed(e) ? raced(me, from, left) : Future.failedFuture(e));
      });
    }

    /** Writes our item on condition that the lease is still what we read. */
    private Future<Void> put(Holder me, Holder old) {
      return table.call(() -> table.client().putItem(b -> {
        b.tableName(table.name()).item(me.item(plan));
        if (old == null) {
          b.conditionExpression("attribute_not_exists(#sk)").expressionAttributeNames(Map.of("#sk", SK));
        } else {
          b.conditionExpression("#token = :old").expressionAttributeNames(Map.of("#token", "token"))
              .expressionAttributeValues(Map.of(":old", s(old.token())));
        }
      })).mapEmpty();
    }

    /** The condition failed: our own put landed (an SDK retry), or another run wrote first. */
    private Future<DynamoLease> raced(Holder me, String from, int left) {
      return read(table, plan).compose(now -> {
        if (now != null && token.equals(now.token())) {
          return Future.succeededFuture(new DynamoLease(table, plan, scheduler, duration, me, from, onLost));
        }
        return left > 1 ? attempt(left - 1) : Future.failedFuture(new LeaseHeldException(plan,
            now == null ? "another run (it changed the lease while we took it)" : now.describe() + " since "
                + now.since() + ", lease valid until " + now.expiresAt()));
      });
    }
  }

  private static final long PID = ProcessHandle.current().pid();
  private static final String HOST = hostName();

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      String jvm = ManagementFactory.getRuntimeMXBean().getName();
      return jvm.contains("@") ? jvm.substring(jvm.indexOf('@') + 1) : "unknown-host";
    }
  }
}
