package dev.cutover.journal;

import dev.cutover.testkit.ManualScheduler;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/**
 * Test base: DynamoDB Local for the whole class (in memory, real SDK client), and for each test a fresh Vert.x,
 * a manual clock at {@link #T0}, and its own plan (its own partition) in a created table.
 */
abstract class DynamoLocalStores {
  static final String TABLE = "cutover-journal-it";
  static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
  static final AtomicInteger plans = new AtomicInteger();

  static DynamoLocal local;
  static DynamoDbAsyncClient client;
  Vertx vertx;
  ManualScheduler scheduler;
  String plan;

  @BeforeAll
  static void startDynamoDbLocal() throws Exception {
    local = DynamoLocal.start();
    client = local.client();
  }

  @AfterAll
  static void stopDynamoDbLocal() throws Exception {
    client.close();
    local.close();
  }

  @BeforeEach
  void setUp() throws Exception {
    vertx = Vertx.vertx();
    scheduler = new ManualScheduler(T0);
    plan = "api-prod-" + plans.incrementAndGet(); // each test its own partition
    await(store().createTableIfMissing());
  }

  @AfterEach
  void tearDown() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  DynamoPlanStore store() {
    return new DynamoPlanStore(vertx, scheduler, client, DynamoPlanStore.Settings.DEFAULTS.withTable(TABLE), plan);
  }

  static <T> T await(Future<T> future) throws Exception {
    return dev.cutover.testkit.Futures.await(future);
  }

  static Throwable failure(Future<?> future) throws Exception {
    return dev.cutover.testkit.Futures.failure(future);
  }
}
