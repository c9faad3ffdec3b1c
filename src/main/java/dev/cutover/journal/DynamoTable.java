package dev.cutover.journal;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The one DynamoDB table that holds every plan's shared state (see {@link DynamoPlanStore} for its shape), and
 * the bridge from the SDK's {@link CompletableFuture}s to Vert.x futures.
 */
final class DynamoTable {
  private static final Logger log = LoggerFactory.getLogger(DynamoTable.class);
  static final String PK = "PK";
  static final String SK = "SK";

  private final Vertx vertx;
  private final DynamoDbAsyncClient client;
  private final String name;

  DynamoTable(Vertx vertx, DynamoDbAsyncClient client, String name) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.client = Objects.requireNonNull(client, "client");
    this.name = Objects.requireNonNull(name, "table name");
  }

  DynamoDbAsyncClient client() {
    return client;
  }

  String name() {
    return name;
  }

  static String pk(String plan) {
    return "plan#" + plan;
  }

  static Map<String, AttributeValue> key(String plan, String sortKey) {
    return Map.of(PK, s(pk(plan)), SK, s(sortKey));
  }

  static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  static AttributeValue n(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }

  static String str(Map<String, AttributeValue> item, String attr) {
    AttributeValue v = item.get(attr);
    return v == null ? null : v.s();
  }

  static long num(Map<String, AttributeValue> item, String attr) {
    AttributeValue v = item.get(attr);
    return v == null || v.n() == null ? 0 : Long.parseLong(v.n());
  }

  /** Runs an SDK call and completes on the caller's Vert.x context. */
  <T> Future<T> call(Supplier<CompletableFuture<T>> request) {
    CompletableFuture<T> cf;
    try {
      cf = request.get();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    return Future.fromCompletionStage(cf, vertx.getOrCreateContext())
        .recover(e -> Future.failedFuture(unwrap(e)));
  }

  static Throwable unwrap(Throwable e) {
    while (e instanceof CompletionException && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  static boolean conditionFailed(Throwable e) {
    return unwrap(e) instanceof ConditionalCheckFailedException;
  }

  /** Creates the table (on-demand capacity) unless it exists; completes once it is ACTIVE. */
  Future<Void> createIfMissing() {
    return call(() -> client.describeTable(b -> b.tableName(name))).<Void>mapEmpty()
        .recover(e -> e instanceof ResourceNotFoundException ? create() : Future.failedFuture(e));
  }

  private Future<Void> create() {
    log.info("creating DynamoDB table {} (PK/SK strings, on-demand capacity)", name);
    return call(() -> client.createTable(b -> b.tableName(name)
        .billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(
            AttributeDefinition.builder().attributeName(PK).attributeType(ScalarAttributeType.S).build(),
            AttributeDefinition.builder().attributeName(SK).attributeType(ScalarAttributeType.S).build())
        .keySchema(
            KeySchemaElement.builder().attributeName(PK).keyType(KeyType.HASH).build(),
            KeySchemaElement.builder().attributeName(SK).keyType(KeyType.RANGE).build())))
        .<Void>mapEmpty()
        .recover(e -> e instanceof ResourceInUseException ? Future.succeededFuture() : Future.failedFuture(e))
        .compose(v -> call(() -> client.waiter().waitUntilTableExists(b -> b.tableName(name))).mapEmpty());
  }
}
