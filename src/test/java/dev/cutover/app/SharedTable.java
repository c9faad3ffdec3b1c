package dev.cutover.app;

import dev.cutover.domain.CutoverEvent;
import dev.cutover.journal.DynamoLocal;
import dev.cutover.journal.DynamoPlanStore;
import dev.cutover.testkit.Futures;
import dev.cutover.time.VertxScheduler;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The shared store of the failover tests: DynamoDB Local in this JVM, one table that child processes reach through
 * {@code AWS_ENDPOINT_URL_DYNAMODB} and {@code --store dynamodb:TABLE}, and what the test reads of it: each plan's
 * journal and its lease item, through the real SDK client.
 */
final class SharedTable implements AutoCloseable {
  final String name;
  private final DynamoLocal local;
  private final DynamoDbAsyncClient client;
  private final Vertx vertx;
  private final VertxScheduler scheduler;

  private SharedTable(String name, DynamoLocal local) {
    this.name = name;
    this.local = local;
    this.client = local.client();
    this.vertx = Vertx.vertx();
    this.scheduler = VertxScheduler.wallTime(vertx);
  }

  /** Starts DynamoDB Local and creates the table (so that no process races to create it). */
  static SharedTable start(String name) throws Exception {
    SharedTable t = new SharedTable(name, DynamoLocal.start());
    Futures.await(t.store("none").createTableIfMissing());
    return t;
  }

  /** The environment a child process needs to reach the table. */
  Map<String, String> env() {
    return Map.of("AWS_ENDPOINT_URL_DYNAMODB", local.endpoint().toString());
  }

  /** {@code --store dynamodb:TABLE --lease LEASE}. */
  List<String> storeArgs(Duration lease) {
    return List.of("--store", "dynamodb:" + name, "--lease", lease.toSeconds() + "s");
  }

  private DynamoPlanStore store(String plan) {
    return new DynamoPlanStore(vertx, scheduler, client, DynamoPlanStore.Settings.DEFAULTS.withTable(name), plan);
  }

  /** The plan's journal as it is now. */
  List<CutoverEvent> journal(String plan) throws Exception {
    return Futures.await(store(plan).journal().readAll());
  }

  /** Who holds the plan's lease item (live or expired), if there is one. */
  record Lease(long pid, Instant expiresAt) {}

  Optional<Lease> lease(String plan) throws Exception {
    Map<String, AttributeValue> item = client.getItem(b -> b.tableName(name).consistentRead(true)
        .key(Map.of("PK", AttributeValue.fromS("plan#" + plan), "SK", AttributeValue.fromS("lease"))))
        .get(10, TimeUnit.SECONDS).item();
    if (item == null || item.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Lease(Long.parseLong(item.get("pid").n()),
        Instant.ofEpochMilli(Long.parseLong(item.get("expiresAt").n()))));
  }

  /**
   * Waits (polling every 50 ms) until the plan's journal holds an event matching {@code what}; returns the first
   * such event, or fails after {@code timeout} with the journal's event types and {@code context} (process logs).
   */
  CutoverEvent await(String plan, Duration timeout, Predicate<CutoverEvent> what,
      java.util.function.Supplier<String> context) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<CutoverEvent> last = List.of();
    while (System.nanoTime() < deadline) {
      last = journal(plan);
      for (CutoverEvent e : last) {
        if (what.test(e)) {
          return e;
        }
      }
      Thread.sleep(50);
    }
    List<String> types = new ArrayList<>();
    last.forEach(e -> types.add(e.type()));
    throw new AssertionError("no such event in the journal of " + plan + " within " + timeout + " (it holds "
        + types + ")\n" + context.get());
  }

  /** An admin API token, created with {@code cutover token create} in this table (as an operator would). */
  String adminToken(Path dir) throws Exception {
    Path state = Files.createDirectories(dir.resolve("token-state"));
    List<String> args = new ArrayList<>(List.of("token", "create", "failover-admin", "--role", "admin",
        "--state-dir", state.toString()));
    args.addAll(storeArgs(DynamoPlanStore.DEFAULT_LEASE));
    CutoverProcess.Result r = CutoverProcess.run(dir, env(), args.toArray(String[]::new));
    if (r.exit() != 0) {
      throw new AssertionError("cutover token create failed: " + r);
    }
    return r.out().strip();
  }

  @Override
  public void close() throws Exception {
    client.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    local.close();
  }
}
