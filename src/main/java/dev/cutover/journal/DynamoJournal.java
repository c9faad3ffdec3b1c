package dev.cutover.journal;

import static dev.cutover.journal.DynamoTable.PK;
import static dev.cutover.journal.DynamoTable.SK;
import static dev.cutover.journal.DynamoTable.s;
import static dev.cutover.journal.DynamoTable.str;

import dev.cutover.domain.CutoverEvent;
import dev.cutover.port.Journal;
import dev.cutover.port.JournalDamagedException;
import io.vertx.core.Future;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * A plan's journal as DynamoDB items {@code event#<20-digit seq>}, one event each (payload: a
 * {@link JournalLines} line, the event in its plan's envelope). Reading refuses an item it cannot read or that
 * is not this journal's ({@link JournalDamagedException}, naming the item), and nothing is appended after one:
 * the first append reads and checks the whole journal.
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
  private JournalLines view; // every item up to last, as read and written; null until opened
  private String lastJson; // the event item this writer put last, for verify()
  private long lastWritten = -1;
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
    Future<Void> next = tail.transform(ignored -> appendNow(event));
    tail = next.otherwiseEmpty();
    return next;
  }

  /**
   * Starts a new single-writer window (this process just took the lease): the next append re-reads the last
   * sequence number, and an earlier fence is lifted.
   */
  synchronized void reopen() {
    last = -1;
    view = null;
    fenced = null;
  }

  /** Refuses every later append with {@code why} (the plan's lease was lost, or another writer appeared). */
  synchronized void fence(String why) {
    if (fenced == null) {
      fenced = why;
    }
  }

  private Future<Void> appendNow(CutoverEvent event) {
    synchronized (this) {
      if (fenced != null) {
        return Future.failedFuture(new JournalConflictException(plan, fenced));
      }
    }
    // never append after an item that cannot be read: the first append reads (and checks) the whole journal
    Future<Long> opened = last >= 0 && view != null ? Future.succeededFuture(last) : readAll().map(all -> last);
    return opened.compose(prev -> {
      long seq = prev + 1;
      JournalLines next = view.copy();
      String json = next.line(event);
      next.accept("item " + sortKey(seq), json);
      Map<String, AttributeValue> item = new HashMap<>(DynamoTable.key(plan, sortKey(seq)));
      item.put("type", s(event.type()));
      item.put("event", s(json));
      item.put("writer", s(writer));
      return table.call(() -> table.client().putItem(b -> b.tableName(table.name()).item(item)
              .conditionExpression("attribute_not_exists(#sk)")
              .expressionAttributeNames(Map.of("#sk", SK))))
          .<Void>mapEmpty()
          .recover(e -> DynamoTable.conditionFailed(e) ? conflict(seq, json) : Future.failedFuture(e))
          .onSuccess(v -> wrote(seq, json, next));
    });
  }

  /**
   * Fails with a {@link JournalConflictException} (and fences this journal) when the event this writer put
   * last is no longer in the table as it wrote it: the journal was deleted or rewritten under a running
   * controller. One consistent read of one item.
   */
  @Override
  public Future<Void> verify() {
    long seq;
    String json;
    synchronized (this) {
      if (fenced != null) {
        return Future.failedFuture(new JournalConflictException(plan, fenced));
      }
      seq = lastWritten;
      json = lastJson;
    }
    if (seq < 0) {
      return Future.succeededFuture();
    }
    return table.call(() -> table.client().getItem(b -> b.tableName(table.name())
            .key(DynamoTable.key(plan, sortKey(seq))).consistentRead(true)))
        .<Void>compose(r -> {
          Map<String, AttributeValue> there = r.hasItem() ? r.item() : Map.of();
          if (there.isEmpty() || !writer.equals(str(there, "writer")) || !json.equals(str(there, "event"))) {
            String why = "event " + seq + ", which this controller wrote last, was " + (there.isEmpty()
                ? "deleted" : "replaced") + " in table " + table.name() + "; this controller stops writing";
            fence(why);
            return Future.failedFuture(new JournalConflictException(plan, why));
          }
          return Future.succeededFuture();
        }, e -> e instanceof ResourceNotFoundException
            ? Future.failedFuture(new JournalConflictException(plan, "table " + table.name() + " was deleted"))
            : Future.failedFuture(e));
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
    JournalLines read = new JournalLines(plan, "DynamoDB table " + table.name() + ", partition "
        + DynamoTable.pk(plan) + ",", this::repair);
    return readPage(null, read, new long[] {0});
  }

  private List<String> repair(String location) {
    String key = "'{\"PK\":{\"S\":\"" + DynamoTable.pk(plan) + "\"},\"SK\":{\"S\":\""
        + location.substring(location.indexOf(' ') + 1) + "\"}}'";
    return List.of("see where traffic is: `cutover status PLAN` shows the weights and gates",
        "look at it: aws dynamodb get-item --table-name " + table.name() + " --key " + key,
        "if cutover did not write it (an item copied from another plan, an edit), delete it:"
            + " aws dynamodb delete-item --table-name " + table.name() + " --key " + key,
        "if it is one of cutover's own items, damaged, keep a copy and delete the plan's event items: the next"
            + " `cutover run` starts a new journal, and a new cutover only from 100% Heroku");
  }

  private synchronized void wrote(long seq, String json, JournalLines next) {
    last = Math.max(last, seq);
    lastWritten = seq;
    lastJson = json;
    view = next;
  }

  private synchronized void openAt(long seq, JournalLines read) {
    if (last < 0 || view == null) {
      last = Math.max(last, seq);
      view = read;
    }
  }

  private Future<List<CutoverEvent>> readPage(Map<String, AttributeValue> from, JournalLines into,
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
      openAt(lastSeq[0], into);
      return Future.succeededFuture(into.events());
    });
  }

  private static void parse(QueryResponse r, JournalLines into) {
    for (Map<String, AttributeValue> item : r.items()) {
      String location = "item " + str(item, SK);
      String event = str(item, "event");
      if (event == null) {
        throw into.damaged(location, "has no \"event\" string attribute: not an item cutover writes");
      }
      into.accept(location, event);
    }
  }
}
