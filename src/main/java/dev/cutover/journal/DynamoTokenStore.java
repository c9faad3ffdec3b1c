package dev.cutover.journal;

import static dev.cutover.journal.DynamoTable.PK;
import static dev.cutover.journal.DynamoTable.SK;
import static dev.cutover.journal.DynamoTable.s;
import static dev.cutover.journal.DynamoTable.str;

import dev.cutover.port.Principal;
import dev.cutover.port.Role;
import dev.cutover.port.TokenStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Tokens in the plan store's DynamoDB table (see {@link DynamoPlanStore}), so every {@code serve} instance on
 * the table accepts them. One partition holds them all:
 * <pre>
 *   PK (S)    SK (S)            attributes
 *   tokens    id#&lt;16 hex&gt;      name, role, salt, hash (S, base64), createdAt (S, ISO-8601)
 *   tokens    name#&lt;name&gt;      id (S)
 * </pre>
 * Both items of a token are written in one transaction, each on {@code attribute_not_exists(SK)}, so names are
 * unique across instances. A token is looked up by its id with a consistent read.
 */
public final class DynamoTokenStore implements TokenStore {
  static final String PARTITION = "tokens";
  private static final String ID = "id#";
  private static final String NAME_PREFIX = "name#";

  private final DynamoTable table;

  public DynamoTokenStore(Vertx vertx, DynamoDbAsyncClient client, String tableName) {
    this.table = new DynamoTable(vertx, client, tableName);
  }

  /** Creates the table unless it exists (the same table and shape as the plan store's). */
  public Future<Void> createTableIfMissing() {
    return table.createIfMissing();
  }

  @Override
  public Future<String> create(String name, Role role, Instant at) {
    TokenSecrets.Issued issued;
    try {
      issued = TokenSecrets.issue(name, role, at);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    TokenSecrets.Stored t = issued.stored();
    Map<String, AttributeValue> token = new HashMap<>(key(ID + t.id()));
    token.put("name", s(t.name()));
    token.put("role", s(t.role().label()));
    token.put("salt", s(t.salt()));
    token.put("hash", s(t.hash()));
    token.put("createdAt", s(t.createdAt().toString()));
    Map<String, AttributeValue> byName = new HashMap<>(key(NAME_PREFIX + t.name()));
    byName.put("id", s(t.id()));
    return table.call(() -> table.client().transactWriteItems(b -> b.transactItems(
            putNew(token), putNew(byName))))
        .map(r -> issued.token())
        .recover(e -> Future.failedFuture(e instanceof TransactionCanceledException c && c.hasCancellationReasons()
            && c.cancellationReasons().size() == 2
            && "ConditionalCheckFailed".equals(c.cancellationReasons().get(1).code())
            ? new NameTakenException(name) : e));
  }

  private TransactWriteItem putNew(Map<String, AttributeValue> item) {
    return TransactWriteItem.builder().put(Put.builder().tableName(table.name()).item(item)
        .conditionExpression("attribute_not_exists(#sk)").expressionAttributeNames(Map.of("#sk", SK)).build())
        .build();
  }

  @Override
  public Future<Optional<Principal>> verify(String token) {
    Optional<TokenSecrets.Presented> presented = TokenSecrets.parse(token);
    if (presented.isEmpty()) {
      return Future.succeededFuture(Optional.empty());
    }
    return table.call(() -> table.client().getItem(b -> b.tableName(table.name())
            .key(key(ID + presented.get().id())).consistentRead(true)))
        .map(r -> {
          Optional<TokenSecrets.Stored> stored = r.hasItem() && !r.item().isEmpty()
              ? Optional.of(stored(r.item())) : Optional.empty();
          return TokenSecrets.matches(stored, presented.get().secret())
              ? stored.map(TokenSecrets.Stored::principal) : Optional.empty();
        });
  }

  @Override
  public Future<List<TokenInfo>> list() {
    return page(null, new ArrayList<>()).map(all -> all.stream()
        .sorted(java.util.Comparator.comparing(TokenInfo::createdAt)).toList());
  }

  private Future<List<TokenInfo>> page(Map<String, AttributeValue> from, List<TokenInfo> into) {
    QueryRequest.Builder q = QueryRequest.builder().tableName(table.name())
        .keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
        .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
        .expressionAttributeValues(Map.of(":pk", s(PARTITION), ":prefix", s(ID)))
        .consistentRead(true);
    if (from != null) {
      q.exclusiveStartKey(from);
    }
    return table.call(() -> table.client().query(q.build())).compose(r -> {
      r.items().forEach(item -> into.add(stored(item).info()));
      return r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty()
          ? page(r.lastEvaluatedKey(), into) : Future.succeededFuture(into);
    });
  }

  private TokenSecrets.Stored stored(Map<String, AttributeValue> item) {
    String sk = str(item, SK);
    Role role = Role.parse(str(item, "role")).orElseThrow(() -> new IllegalStateException("table " + table.name()
        + ", token item " + sk + " has an unknown role " + str(item, "role") + "; fix or delete it"));
    return new TokenSecrets.Stored(sk.substring(ID.length()), str(item, "name"), role, str(item, "salt"),
        str(item, "hash"), Instant.parse(str(item, "createdAt")));
  }

  private static Map<String, AttributeValue> key(String sortKey) {
    return Map.of(PK, s(PARTITION), SK, s(sortKey));
  }
}
