package dev.cutover.journal;

import static dev.cutover.journal.DynamoTable.SK;
import static dev.cutover.journal.DynamoTable.s;
import static dev.cutover.journal.DynamoTable.str;

import dev.cutover.port.PlanCatalog;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * The plan catalog in the shared DynamoDB table: one item per plan, {@code PK plan#<name>, SK plan}, holding the
 * YAML, who submitted it and when. Listing scans the table for those items (a server lists rarely: at start and
 * when it looks for cutovers to take over).
 */
public final class DynamoPlanCatalog implements PlanCatalog {
  static final String SORT_KEY = "plan";
  private final DynamoTable table;

  public DynamoPlanCatalog(Vertx vertx, DynamoDbAsyncClient client, String tableName) {
    this.table = new DynamoTable(vertx, client, tableName);
  }

  @Override
  public Future<Void> put(Stored plan) {
    Map<String, AttributeValue> item = new HashMap<>(DynamoTable.key(plan.name(), SORT_KEY));
    item.put("name", s(plan.name()));
    item.put("yaml", s(plan.yaml()));
    item.put("by", s(plan.by()));
    item.put("at", s(plan.at().toString()));
    return table.call(() -> table.client().putItem(b -> b.tableName(table.name()).item(item))).mapEmpty();
  }

  @Override
  public Future<List<Stored>> list() {
    return page(null, new ArrayList<>());
  }

  private Future<List<Stored>> page(Map<String, AttributeValue> start, List<Stored> acc) {
    return table.call(() -> table.client().scan(b -> b.tableName(table.name()).consistentRead(true)
        .filterExpression("#sk = :plan").expressionAttributeNames(Map.of("#sk", SK))
        .expressionAttributeValues(Map.of(":plan", s(SORT_KEY))).exclusiveStartKey(start)))
        .compose((ScanResponse r) -> {
          r.items().forEach(i -> acc.add(new Stored(str(i, "name"), str(i, "yaml"), str(i, "by"),
              Instant.parse(str(i, "at")))));
          return r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty()
              ? page(r.lastEvaluatedKey(), acc) : Future.succeededFuture(acc);
        });
  }

  @Override
  public Future<Void> remove(String name) {
    return table.call(() -> table.client().deleteItem(b -> b.tableName(table.name())
        .key(DynamoTable.key(name, SORT_KEY)))).mapEmpty();
  }
}
