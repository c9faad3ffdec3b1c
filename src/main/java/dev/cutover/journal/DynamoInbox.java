package dev.cutover.journal;

import static dev.cutover.journal.DynamoTable.PK;
import static dev.cutover.journal.DynamoTable.SK;
import static dev.cutover.journal.DynamoTable.s;
import static dev.cutover.journal.DynamoTable.str;

import dev.cutover.domain.OperatorCommand;
import dev.cutover.port.CommandInbox;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Operator commands as items {@code cmd#<20-digit epoch nanos>#<random>}: {@link #send} puts one, {@link #take}
 * reads them in order and deletes each on condition that it still exists, returning only those it deleted, so
 * every command is delivered once even if two processes take at the same time. An unreadable command is
 * dropped with a warning, never retried forever.
 */
public final class DynamoInbox implements CommandInbox {
  private static final Logger log = LoggerFactory.getLogger(DynamoInbox.class);
  private static final String PREFIX = "cmd#";

  private final DynamoTable table;
  private final String plan;
  private final Clock clock;

  DynamoInbox(DynamoTable table, String plan, Clock clock) {
    this.table = table;
    this.plan = plan;
    this.clock = clock;
  }

  Future<Void> send(OperatorCommand command) {
    Instant now = clock.instant();
    long nanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    String sk = PREFIX + String.format("%020d", nanos) + "#" + UUID.randomUUID().toString().substring(0, 8);
    Map<String, AttributeValue> item = new HashMap<>(DynamoTable.key(plan, sk));
    item.put("kind", s(command.kind().name()));
    item.put("by", s(command.by()));
    item.put("at", s(command.at().toString()));
    return table.call(() -> table.client().putItem(b -> b.tableName(table.name()).item(item)
        .conditionExpression("attribute_not_exists(#sk)").expressionAttributeNames(Map.of("#sk", SK))))
        .mapEmpty();
  }

  @Override
  public Future<List<OperatorCommand>> take() {
    return table.call(() -> table.client().query(b -> b.tableName(table.name())
            .keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
            .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
            .expressionAttributeValues(Map.of(":pk", s(DynamoTable.pk(plan)), ":prefix", s(PREFIX)))
            .scanIndexForward(true).consistentRead(true)))
        .compose(r -> {
          List<OperatorCommand> out = new ArrayList<>();
          Future<Void> chain = Future.succeededFuture();
          for (Map<String, AttributeValue> item : r.items()) {
            chain = chain.compose(v -> claim(item)).map(claimed -> {
              if (claimed) {
                parse(item, out);
              }
              return null;
            });
          }
          return chain.map(v -> out);
        });
  }

  /** Deletes the command; true if this call deleted it (so this caller delivers it). */
  private Future<Boolean> claim(Map<String, AttributeValue> item) {
    return table.call(() -> table.client().deleteItem(b -> b.tableName(table.name())
            .key(DynamoTable.key(plan, str(item, SK)))
            .conditionExpression("attribute_exists(#sk)").expressionAttributeNames(Map.of("#sk", SK))))
        .map(true)
        .recover(e -> DynamoTable.conditionFailed(e) ? Future.succeededFuture(false) : Future.failedFuture(e));
  }

  private void parse(Map<String, AttributeValue> item, List<OperatorCommand> out) {
    try {
      out.add(new OperatorCommand(OperatorCommand.Kind.valueOf(str(item, "kind")), str(item, "by"),
          Instant.parse(str(item, "at"))));
    } catch (RuntimeException e) {
      log.warn("plan {}: dropping unreadable command {}: {}", plan, str(item, SK), e.toString());
    }
  }

  /** Drops commands left over from an earlier run, so a stale abort never hits a new cutover. */
  Future<Integer> purge() {
    return take().map(List::size);
  }
}
