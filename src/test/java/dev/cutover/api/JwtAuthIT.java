package dev.cutover.api;

import static dev.cutover.api.ApiFixture.assertError;
import static dev.cutover.api.ApiFixture.json;
import static dev.cutover.api.TestIdentityProvider.claims;
import static dev.cutover.api.TestIdentityProvider.sign;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.domain.CutoverEvent;
import dev.cutover.port.Role;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * JWTs of a company identity provider (RSA keys made in the test, JWKS served on 127.0.0.1): signature, issuer,
 * audience and expiry are checked by Vert.x's JWT auth; the subject is who acts, the role comes from a claim.
 */
@Timeout(120)
class JwtAuthIT {
  @TempDir static Path dir;
  static Vertx idpVertx;
  static TestIdentityProvider idp;
  static TestIdentityProvider.Key key;
  static ApiFixture api;

  @BeforeAll
  static void start() throws Exception {
    idpVertx = Vertx.vertx();
    idp = new TestIdentityProvider(idpVertx);
    key = TestIdentityProvider.newKey("k1");
    idp.publish(key);
    JwtVerifier.Settings jwt = new JwtVerifier.Settings(TestIdentityProvider.ISSUER, TestIdentityProvider.AUDIENCE,
        idp.jwksUrl(), null, Duration.ofSeconds(5), Duration.ZERO, Duration.ofHours(1));
    api = ApiFixture.start(dir, ApiServer.Options.defaults().withAddress("127.0.0.1", 0).withJwt(jwt),
        HttpClient.newHttpClient());
    api.awaitReady();
  }

  @AfterAll
  static void stop() throws Exception {
    api.close();
    idp.close();
    idpVertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  HttpResponse<String> pause(String name, String jwt) throws Exception {
    return api.post("/cutovers/" + name + "/pause", jwt, null, "");
  }

  @Test
  void anOperatorsJwtPausesACutoverAndTheJournalNamesItsSubject() throws Exception {
    String name = api.running("jwt-operator");

    HttpResponse<String> r = pause(name, sign(key, claims("alice@example.test", "operator")));

    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    assertThat(json(r).path("by").asText()).isEqualTo("alice@example.test");
    assertThat(api.awaitEvent(name, CutoverEvent.OperatorRequest.class, o -> true).by())
        .isEqualTo("alice@example.test");
  }

  @Test
  void aJwtSignsInToTheDashboardForNoLongerThanTheJwtIsValidAndActsAsItsSubject() throws Exception {
    String name = api.running("jwt-session");
    JsonObject claims = claims("frank@example.test", "operator");
    WebSession s = WebSession.open(api, sign(key, claims));

    assertThat(s.body().path("name").asText()).isEqualTo("frank@example.test");
    assertThat(s.body().path("role").asText()).isEqualTo("operator");
    assertThat(Instant.parse(s.body().path("expiresAt").asText()))
        .isEqualTo(Instant.ofEpochSecond(claims.getLong("exp")));
    assertThat(s.setCookie()).containsPattern("Max-Age=(59\\d|600);");
    HttpResponse<String> r = s.send("POST", "/cutovers/" + name + "/pause", s.csrf());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    assertThat(api.awaitEvent(name, CutoverEvent.OperatorRequest.class, o -> true).by())
        .isEqualTo("frank@example.test");
    assertError(WebSession.signIn(api, "application/json", "{\"token\": \""
        + sign(key, claims("eve", "admin").put("aud", "another-app")) + "\"}"), 401, "audience");
  }

  @Test
  void aViewersJwtReadsButMayNotPause() throws Exception {
    String name = api.running("jwt-viewer");
    String jwt = sign(key, claims("bob@example.test", "viewer"));

    assertThat(api.get("/cutovers/" + name, jwt).statusCode()).isEqualTo(200);
    assertError(pause(name, jwt), 403, "bob@example.test has the role viewer; this needs operator");
  }

  @Test
  void aRoleClaimThatIsAListCountsItsHighestRole() throws Exception {
    String name = ApiFixture.uniqueName("jwt-admin");
    String jwt = sign(key, claims("carol@example.test", new JsonArray().add("viewer").add("admin").add("other")));

    HttpResponse<String> r = api.post("/cutovers", jwt, "application/yaml",
        api.plan(name, ApiFixture.zoneOf(name), name + ".example.com."));

    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    assertThat(json(r).at("/cutover/startedBy").asText()).isEqualTo("carol@example.test");
  }

  @Test
  void aJwtWithoutACutoverRoleIs403SayingWhichClaim() throws Exception {
    assertError(api.get("/cutovers", sign(key, claims("dave@example.test", null))), 403,
        "claim cutover_role", "viewer, operator or admin");
    assertError(api.get("/cutovers", sign(key, claims("dave@example.test", "superuser"))), 403, "no cutover role");
  }

  @Test
  void aJwtOfAnotherIssuerOrAudienceOrExpiredIs401() throws Exception {
    assertError(api.get("/cutovers", sign(key, claims("eve", "admin").put("iss", "https://evil.example/"))), 401,
        "not valid here");
    assertError(api.get("/cutovers", sign(key, claims("eve", "admin").put("aud", "another-app"))), 401,
        "not valid here");
    long past = Instant.now().minusSeconds(3600).getEpochSecond();
    assertError(api.get("/cutovers", sign(key, claims("eve", "admin").put("iat", past - 600).put("exp", past))),
        401, "not valid here");
  }

  @Test
  void aJwtWithoutExpiryOrSubjectIs401() throws Exception {
    JsonObject noExp = claims("eve", "admin");
    noExp.remove("exp");
    assertError(api.get("/cutovers", sign(key, noExp)), 401, "no expiry");
    JsonObject noSub = claims("eve", "admin");
    noSub.remove("sub");
    assertError(api.get("/cutovers", sign(key, noSub)), 401, "no subject");
  }

  @Test
  void aForgedOrUnsignedJwtIs401() throws Exception {
    String good = sign(key, claims("eve", "viewer"));
    String[] parts = good.split("\\.");
    String escalated = parts[0] + "." + TestIdentityProvider.b64(claims("eve", "admin").encode()
        .getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "." + parts[2];
    assertError(api.get("/cutovers", escalated), 401, "not valid here");
    assertError(api.get("/cutovers", TestIdentityProvider.unsigned(claims("eve", "admin"))), 401, "not valid");
    TestIdentityProvider.Key stranger = TestIdentityProvider.newKey("k1");
    assertError(api.get("/cutovers", sign(stranger, claims("eve", "admin"))), 401, "not valid here");
  }

  @Test
  void aKeyTheProviderPublishesLaterIsFetchedWhenATokenNamesIt() throws Exception {
    TestIdentityProvider.Key rotated = TestIdentityProvider.newKey("k2");
    String jwt = sign(rotated, claims("frank@example.test", "viewer"));
    assertError(api.get("/cutovers", jwt), 401, "not valid here");

    idp.publish(rotated);
    int before = idp.fetches;

    assertThat(api.get("/cutovers", jwt).statusCode()).isEqualTo(200);
    assertThat(idp.fetches).as("the JWKS was fetched again for the unknown key id").isGreaterThan(before);
  }

  @Test
  void tokensOfTheStoreStillWorkBesideJwts() throws Exception {
    assertThat(api.get("/cutovers", Role.VIEWER).statusCode()).isEqualTo(200);
  }

  @Test
  void readinessSaysWhyWhileTheProvidersKeysCannotBeFetched(@TempDir Path other) throws Exception {
    JwtVerifier.Settings unreachable = new JwtVerifier.Settings(TestIdentityProvider.ISSUER,
        TestIdentityProvider.AUDIENCE, URI.create("http://127.0.0.1:9/jwks.json"), null);
    try (ApiFixture down = ApiFixture.start(other, ApiServer.Options.defaults().withAddress("127.0.0.1", 0)
        .withJwt(unreachable), HttpClient.newHttpClient())) {
      assertError(down.get("/readyz", Role.VIEWER), 503, "not ready", "keys have not been fetched");
      assertError(down.get("/cutovers", sign(key, claims("alice", "admin"))), 503, "JWTs cannot be checked yet");
      assertThat(down.get("/cutovers", Role.VIEWER).statusCode()).as("store tokens still work").isEqualTo(200);
    }
  }
}
