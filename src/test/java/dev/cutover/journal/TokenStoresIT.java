package dev.cutover.journal;

import static dev.cutover.testkit.Futures.await;
import static dev.cutover.testkit.Futures.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.port.Principal;
import dev.cutover.port.Role;
import dev.cutover.port.TokenStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/**
 * The API's token stores: a file in the state directory and the shared DynamoDB table (DynamoDB Local over the
 * real SDK client). Both keep only a salted hash, refuse a second token of one name, and verify by id + secret.
 */
class TokenStoresIT {
  static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
  static Vertx vertx;
  static DynamoLocal dynamoLocal;
  static DynamoDbAsyncClient client;

  @BeforeAll
  static void startVertxAndDynamoDbLocal() throws Exception {
    vertx = Vertx.vertx();
    dynamoLocal = DynamoLocal.start();
    client = dynamoLocal.client();
  }

  @AfterAll
  static void stopThem() throws Exception {
    client.close();
    dynamoLocal.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  /** What every store must do. */
  abstract static class Contract {
    abstract TokenStore store();

    @Test
    void aCreatedTokenVerifiesToItsNameAndRole() throws Exception {
      String token = await(store().create("ci-deploy", Role.OPERATOR, T0));

      assertThat(token).matches("cutover_[0-9a-f]{16}_[0-9a-f]{64}");
      assertThat(await(store().verify(token))).contains(new Principal("ci-deploy", Role.OPERATOR));
    }

    @Test
    void aWrongSecretAnUnknownIdOrAnotherFormatIsNotVerified() throws Exception {
      String token = await(store().create("alice", Role.ADMIN, T0));
      String id = token.substring(8, 24);
      String wrongSecret = "cutover_" + id + "_" + "0".repeat(64);
      String unknownId = "cutover_" + "0".repeat(16) + token.substring(24);

      assertThat(await(store().verify(wrongSecret))).isEmpty();
      assertThat(await(store().verify(unknownId))).isEmpty();
      assertThat(await(store().verify(token + "0"))).isEmpty();
      assertThat(await(store().verify("eyJhbGciOiJSUzI1NiJ9.e30.c2ln"))).isEmpty();
      assertThat(await(store().verify(""))).isEmpty();
    }

    @Test
    void aSecondTokenOfTheSameNameIsRefused() throws Exception {
      await(store().create("bob", Role.VIEWER, T0));

      Throwable e = failure(store().create("bob", Role.ADMIN, T0));

      assertThat(e).isInstanceOf(TokenStore.NameTakenException.class).hasMessageContaining("bob");
      assertThat(await(store().list())).extracting(TokenStore.TokenInfo::name).containsOnlyOnce("bob");
    }

    @Test
    void aNameThatCannotBeRecordedAsWhoActedIsRefused() throws Exception {
      Throwable e = failure(store().create("has space", Role.VIEWER, T0));

      assertThat(e).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("`has space`");
    }

    @Test
    void listShowsNamesRolesAndTimesOldestFirst() throws Exception {
      await(store().create("first", Role.VIEWER, T0));
      await(store().create("second", Role.ADMIN, T0.plusSeconds(5)));

      List<TokenStore.TokenInfo> all = await(store().list());

      assertThat(all).extracting(TokenStore.TokenInfo::name).containsSubsequence("first", "second");
      assertThat(all).filteredOn(t -> t.name().equals("second")).singleElement()
          .satisfies(t -> assertThat(t.role()).isEqualTo(Role.ADMIN))
          .satisfies(t -> assertThat(t.createdAt()).isEqualTo(T0.plusSeconds(5)));
    }

    @Test
    void concurrentCreatesKeepEveryToken() throws Exception {
      List<Future<String>> made = IntStream.range(0, 8)
          .mapToObj(i -> store().create("parallel-" + i, Role.VIEWER, T0)).toList();
      await(Future.all(made));

      for (Future<String> token : made) {
        assertThat(await(store().verify(token.result()))).isPresent();
      }
      assertThat(await(store().list())).extracting(TokenStore.TokenInfo::name)
          .contains(IntStream.range(0, 8).mapToObj(i -> "parallel-" + i).toArray(String[]::new));
    }
  }

  @Nested
  class Local extends Contract {
    @TempDir Path dir;

    @Override
    TokenStore store() {
      return LocalTokenStore.in(vertx, new StateDir(dir));
    }

    @Test
    void theFileHoldsOnlySaltedHashesAndOnlyItsOwnerMayReadIt() throws Exception {
      String token = await(store().create("ci-deploy", Role.OPERATOR, T0));

      Path file = dir.resolve("tokens.json");
      String text = Files.readString(file);
      assertThat(text).contains("ci-deploy", "operator", "salt", "hash").doesNotContain(token.substring(25));
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
      try (var leftovers = Files.list(dir)) {
        assertThat(leftovers).extracting(p -> p.getFileName().toString())
            .containsExactlyInAnyOrder("tokens.json", "tokens.json.lock");
      }
    }

    @Test
    void aRunningStoreSeesATokenAnotherProcessCreated() throws Exception {
      TokenStore server = store();
      assertThat(await(server.list())).isEmpty();

      String token = await(store().create("late", Role.VIEWER, T0)); // as `cutover token create` would

      assertThat(await(server.verify(token))).contains(new Principal("late", Role.VIEWER));
    }
  }

  @Nested
  class Dynamo extends Contract {
    static final AtomicInteger tables = new AtomicInteger();
    DynamoTokenStore store;

    @BeforeEach
    void table() throws Exception {
      store = new DynamoTokenStore(vertx, client, "tokens-it-" + tables.incrementAndGet());
      await(store.createTableIfMissing());
    }

    @Override
    TokenStore store() {
      return store;
    }

    @Test
    void theItemsHoldOnlySaltedHashes() throws Exception {
      String token = await(store.create("ci-deploy", Role.OPERATOR, T0));

      var items = client.scan(b -> b.tableName("tokens-it-" + tables.get())).get(5, TimeUnit.SECONDS).items();

      assertThat(items).hasSize(2);
      assertThat(items.toString()).contains("ci-deploy").doesNotContain(token.substring(25));
    }

    @Test
    void aTokenCreatedThroughOneInstanceVerifiesOnAnother() throws Exception {
      String token = await(store.create("shared", Role.ADMIN, T0));

      TokenStore other = new DynamoTokenStore(vertx, client, "tokens-it-" + tables.get());

      assertThat(await(other.verify(token))).isEqualTo(Optional.of(new Principal("shared", Role.ADMIN)));
    }
  }
}
