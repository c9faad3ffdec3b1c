package dev.cutover.journal;

import static dev.cutover.journal.DynamoTable.PK;
import static dev.cutover.journal.DynamoTable.SK;
import static dev.cutover.journal.DynamoTable.s;
import static dev.cutover.journal.DynamoTable.str;

import dev.cutover.domain.CutoverEvent;
import dev.cutover.engine.EventJson;
import dev.cutover.port.Journal;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * A plan's journal as DynamoDB items {@code event#<20-digit seq>}, one event each (payload: {@link EventJson}).
 *
 * <p>Single writer by construction: the sequence number is read once (the highest existing one), then counted
 * locally, and every item is put on condition {@code attribute_not_exists(SK)}. If that condition fails,
 * another writer appended meanwhile; this journal then re-reads to name the intruder, fails the append with a
 * {@link JournalConflictException} and refuses every later append (it is <i>fenced</i>), so two writers can
 * never interleave. A failed condition caused by the SDK retrying our own successful put is recognised by the
 * writer id and treated as success.
 */
public final class DynamoJournal implements Journal {
  private static final Logger log = LoggerFactory.getLogger(DynamoJournal.class);
  private static final String EVENT_PREFIX = "event#";

  private final DynamoTable table;
  private final String plan;
  private final String writer = UUID.randomUUID().toString();
  private Future<Void> tail = Future.succeededFuture();
  private volatile long last = -1; // highest sequence written or seen; -1 until opened
  private String fenced;

  private final int pageSize;

  DynamoJournal(DynamoTable table, String plan) {
    this(table, plan, 0);
  }

  /** {@code pageSize} items per query page (0: DynamoDB's 1 MB pages); small pages let tests exercise paging. */
  DynamoJournal(DynamoTable table, String plan, int pageSize) {
    this.table = table;
    this.plan = plan;
    this.pageSize = pageSize;
  }

  static String sortKey(long seq) {
    return EVENT_PREFIX + String.format("%020d", seq);
  }

  /** Appends are serialized in this process; each waits for the previous one. */
  @Override
  public synchronized Future<Void> append(CutoverEvent event) {
    String json = EventJson.toJson(event);
    Future<Void> next = tail.transform(ignored -> appendNow(event.type(), json));
    tail = next.otherwiseEmpty();
    return next;
  }

  /**
   * Starts a new single-writer window (this process just took the lease): the next append re-reads the last
   * sequence number, and an earlier fence is lifted.
   */
  synchronized void reopen() {
    last = -1;
    fenced = null;
  }

  /** Refuses every later append with {@code why} (the plan's lease was lost, or another writer appeared). */
  synchronized void fence(String why) {
    if (fenced == null) {
      fenced = why;
    }
  }

  private Future<Void> appendNow(String type, String json) {
    synchronized (this) {
      if (fenced != null) {
        return Future.failedFuture(new JournalConflictException(plan, fenced));
      }
    }
    Future<Long> opened = last >= 0 ? Future.succeededFuture(last) : lastSequence();
    return opened.compose(prev -> {
      long seq = prev + 1;
      Map<String, AttributeValue> item = new HashMap<>(DynamoTable.key(plan, sortKey(seq)));
      item.put("type", s(type));
      item.put("event", s(json));
      item.put("writer", s(writer));
      return table.call(() -> table.client().putItem(b -> b.tableName(table.name()).item(item)
              .conditionExpression("attribute_not_exists(#sk)")
              .expressionAttributeNames(Map.of("#sk", SK))))
          .<Void>mapEmpty()
          .recover(e -> DynamoTable.conditionFailed(e) ? conflict(seq, json) : Future.failedFuture(e))
          .onSuccess(v -> advanceTo(seq));
    });
  }

  private Future<Void> conflict(long seq, String json) {
    return table.call(() -> table.client().getItem(b -> b.tableName(table.name())
            .key(DynamoTable.key(plan, sortKey(seq))).consistentRead(true)))
        .compose(r -> {
          Map<String, AttributeValue> there = r.item();
          if (writer.equals(str(there, "writer")) && json.equals(str(there, "event"))) {
            return Future.succeededFuture(); // the SDK retried our own put, which had landed
          }
          String why = "another writer appended event " + seq + " (" + str(there, "type")
              + ") while this controller held the journal at " + (seq - 1) + "; this controller stops writing";
          fence(why);
          log.error("plan {}: {}", plan, why);
          return lastSequence().transform(ar -> Future.failedFuture(new JournalConflictException(plan, why
              + (ar.succeeded() ? " (the journal now ends at " + ar.result() + ")" : ""))));
        });
  }

  /** The highest sequence number in the table, or 0 for an empty journal (so the first event is 1). */
  private Future<Long> lastSequence() {
    return table.call(() -> table.client().query(b -> b.tableName(table.name())
            .keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
            .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
            .expressionAttributeValues(Map.of(":pk", s(DynamoTable.pk(plan)), ":prefix", s(EVENT_PREFIX)))
            .scanIndexForward(false).limit(1).consistentRead(true)))
        .map(r -> r.items().isEmpty() ? 0L : sequence(r.items().get(0)));
  }

  private static long sequence(Map<String, AttributeValue> item) {
    return Long.parseLong(str(item, SK).substring(EVENT_PREFIX.length()));
  }

  /**
   * Reads the whole journal. The first read also opens the journal for appending (as a controller reads before
   * it writes): the next append then follows the last event read, so a writer that appended in between is
   * detected by the conditional put.
   */
  @Override
  public Future<List<CutoverEvent>> readAll() {
    return readPage(null, new ArrayList<>(), new long[] {0});
  }

  private synchronized void advanceTo(long seq) {
    last = Math.max(last, seq);
  }

  private synchronized void openAt(long seq) {
    if (last < 0) {
      last = seq;
    }
  }

  private Future<List<CutoverEvent>> readPage(Map<String, AttributeValue> from, List<CutoverEvent> into,
      long[] lastSeq) {
    QueryRequest.Builder q = QueryRequest.builder().tableName(table.name())
        .keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
        .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
        .expressionAttributeValues(Map.of(":pk", s(DynamoTable.pk(plan)), ":prefix", s(EVENT_PREFIX)))
        .scanIndexForward(true).consistentRead(true);
    if (pageSize > 0) {
      q.limit(pageSize);
    }
    if (from != null) {
      q.exclusiveStartKey(from);
    }
    return table.call(() -> table.client().query(q.build())).compose(r -> {
      parse(r, into);
      if (!r.items().isEmpty()) {
        lastSeq[0] = sequence(r.items().get(r.items().size() - 1));
      }
      if (r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty()) {
        return readPage(r.lastEvaluatedKey(), into, lastSeq);
      }
      openAt(lastSeq[0]);
      return Future.succeededFuture(into);
    });
  }

  private void parse(QueryResponse r, List<CutoverEvent> into) {
    for (Map<String, AttributeValue> item : r.items()) {
      try {
        into.add(EventJson.fromJson(str(item, "event")));
      } catch (IllegalArgumentException | NullPointerException e) {
        throw new IllegalStateException("table " + table.name() + ", plan " + plan + ", item " + str(item, SK)
            + " is damaged (" + e.getMessage() + "); inspect it in the DynamoDB console and delete or repair it"
            + " after checking the weights with `cutover status`", e);
      }
    }
  }
}
