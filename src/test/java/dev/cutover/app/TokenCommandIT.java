package dev.cutover.app;

import static dev.cutover.testkit.Futures.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.api.ApiServer;
import dev.cutover.cli.CutoverCli;
import dev.cutover.cli.TokenCommand;
import dev.cutover.engine.Fleet;
import dev.cutover.engine.Supervisor;
import dev.cutover.journal.LocalTokenStore;
import dev.cutover.journal.StateDir;
import dev.cutover.port.Principal;
import dev.cutover.port.Role;
import dev.cutover.time.VertxScheduler;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code cutover token create NAME --role R} and {@code cutover token list}, run in-process on a state dir. */
@Timeout(60)
class TokenCommandIT {
  @TempDir Path state;
  Vertx vertx;

  record Run(int exit, String out, String err) {}

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  Run cutover(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    CutoverCli cli = new CutoverCli(opts -> new AppEnvironment(opts, o, e, vertx, VertxScheduler.wallTime(vertx)));
    var cl = CutoverCli.commandLine(cli, new TokenCommand());
    cl.setOut(new PrintWriter(o, true));
    cl.setErr(new PrintWriter(e, true));
    String[] all = new String[args.length + 2];
    all[0] = "--state-dir";
    all[1] = state.toString();
    System.arraycopy(args, 0, all, 2, args.length);
    int code = cl.execute(all);
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void createPrintsTheTokenOnceAndTheStoreKeepsOnlyItsHash() throws Exception {
    Run r = cutover("token", "create", "alice", "--role", "operator");

    assertThat(r.exit()).as(r.err()).isZero();
    String token = r.out().trim();
    assertThat(token).matches("cutover_[0-9a-f]{16}_[0-9a-f]{64}");
    assertThat(r.err()).contains("alice (operator) created", "shown only now");
    assertThat(Files.readString(state.resolve("tokens.json"))).contains("alice").doesNotContain(token.substring(25));
    assertThat(await(LocalTokenStore.in(vertx, new StateDir(state)).verify(token)))
        .contains(new Principal("alice", Role.OPERATOR));
  }

  @Test
  void theApiAcceptsATokenTheCommandCreated() throws Exception {
    String token = cutover("token", "create", "ci-deploy", "--role", "VIEWER").out().trim();
    VertxScheduler scheduler = VertxScheduler.wallTime(vertx);
    Supervisor supervisor = new Supervisor(vertx, scheduler, null);
    ApiServer server = await(ApiServer.start(vertx, new Fleet(vertx, supervisor, null),
        LocalTokenStore.in(vertx, new StateDir(state)), ApiServer.Options.defaults().withAddress("127.0.0.1", 0)));

    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
        + server.port() + "/api/v1/cutovers")).header("Authorization", "Bearer " + token).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    await(server.close());
  }

  @Test
  void anUnknownRoleABadNameOrATakenNameIsInvalidInput() {
    Run role = cutover("token", "create", "bob", "--role", "root");
    assertThat(role.exit()).isEqualTo(2);
    assertThat(role.err()).contains("unknown role `root`", "viewer|operator|admin");

    Run name = cutover("token", "create", "bob smith", "--role", "viewer");
    assertThat(name.exit()).isEqualTo(2);
    assertThat(name.err()).contains("`bob smith`", "recorded as who acted");

    assertThat(cutover("token", "create", "bob", "--role", "viewer").exit()).isZero();
    Run taken = cutover("token", "create", "bob", "--role", "admin");
    assertThat(taken.exit()).isEqualTo(2);
    assertThat(taken.err()).contains("a token named bob exists already");
    assertThat(taken.out()).isEmpty();

    Run missing = cutover("token", "create", "carol");
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("--role");
  }

  @Test
  void listShowsNamesAndRolesButNeverATokenOrHash() {
    assertThat(cutover("token", "list").out()).contains("no tokens yet");
    String token = cutover("token", "create", "dave", "--role", "admin").out().trim();

    Run list = cutover("token", "list");

    assertThat(list.exit()).isZero();
    assertThat(list.out()).contains("dave", "admin").doesNotContain(token.substring(25), "hash", "salt");
  }
}
