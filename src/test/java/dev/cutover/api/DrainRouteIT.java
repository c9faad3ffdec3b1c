package dev.cutover.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.drain.DrainEndpoint;
import dev.cutover.drain.HerokuDrains;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code cutover serve}'s drain route {@code /drains/heroku/{app}} beside the API: a Logplex delivery (POST,
 * Content-Type application/logplex-1, Logplex-Msg-Count and Logplex-Frame-Id headers, basic authentication from the
 * drain URL's userinfo: Logplex's doc/README.http_drains.md) authenticated by the drain's own secret, never by the
 * API's tokens.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class DrainRouteIT {
  static final String SECRET = "drain-secret-0123456789";
  private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static HerokuDrains drains;
  private static ApiFixture api;

  @BeforeAll
  static void start() throws Exception {
    Path dir = Files.createTempDirectory("cutover-drain-route-");
    drains = new HerokuDrains(Map.of("myapp", SECRET), Clock.systemUTC(), HerokuDrains.Settings.DEFAULTS);
    api = ApiFixture.start(dir, ApiServer.Options.defaults().withAddress("127.0.0.1", 0)
        .withMount(DrainEndpoint.PREFIX, new DrainEndpoint(drains, Clock.systemUTC())), http);
  }

  @AfterAll
  static void stop() throws Exception {
    api.close();
  }

  private static String now() {
    return Instant.now().toString().replace("Z", "+00:00");
  }

  private static String routerLine(int status, int millis) {
    return "<158>1 " + now() + " heroku router d.9173ea1f-6f14-4976-9cf0-7cd0dafdcdbc - at=info method=GET"
        + " path=\"/\" host=myapp.herokuapp.com request_id=5d1c6e1a-0b5e-4d1c-9f43-0b8a5e7e2d11"
        + " fwd=\"204.204.204.204\" dyno=web.1 connect=1ms service=" + millis + "ms status=" + status
        + " bytes=13 protocol=https";
  }

  private static byte[] body(String... messages) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String m : messages) {
      String line = m + "\n";
      out.writeBytes((line.getBytes(StandardCharsets.UTF_8).length + " " + line).getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  private static HttpRequest.Builder delivery(String app, String password, String frameId, int count) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.api.port() + "/drains/heroku/" + app))
        .timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/logplex-1")
        .header("Logplex-Msg-Count", String.valueOf(count))
        .header("Logplex-Frame-Id", frameId)
        .header("Logplex-Drain-Token", "d.9173ea1f-6f14-4976-9cf0-7cd0dafdcdbc")
        .header("User-Agent", "Logplex/v123");
    if (password != null) {
      b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("cutover:" + password)
          .getBytes(StandardCharsets.UTF_8)));
    }
    return b;
  }

  private static HttpResponse<String> post(HttpRequest.Builder b, byte[] body) throws Exception {
    return http.send(b.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static long requestsThisHour() {
    return drains.window("myapp", Instant.now().minus(Duration.ofMinutes(30)), Instant.now().plusSeconds(60))
        .requests();
  }

  @Test
  void acceptsALogplexDeliveryWithTheDrainsSecretAndNoBearerToken() throws Exception {
    long before = requestsThisHour();

    HttpResponse<String> r = post(delivery("myapp", SECRET, "A1", 3),
        body(routerLine(200, 12), routerLine(503, 30000), routerLine(200, 7)));

    assertThat(r.statusCode()).isEqualTo(204);
    assertThat(requestsThisHour() - before).isEqualTo(3);
  }

  @Test
  void refusesADeliveryWithoutTheSecretOrWithAWrongOne() throws Exception {
    long before = requestsThisHour();
    long refused = drains.stats("myapp").refused();

    HttpResponse<String> none = post(delivery("myapp", null, "B1", 1), body(routerLine(200, 1)));
    HttpResponse<String> wrong = post(delivery("myapp", SECRET + "x", "B2", 1), body(routerLine(200, 1)));
    HttpResponse<String> bearer = http.send(delivery("myapp", null, "B3", 1)
        .header("Authorization", "Bearer " + api.token.get(dev.cutover.port.Role.ADMIN))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body(routerLine(200, 1)))).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(List.of(none.statusCode(), wrong.statusCode(), bearer.statusCode())).containsOnly(401);
    assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
    assertThat(wrong.body()).doesNotContain(SECRET);
    assertThat(requestsThisHour()).isEqualTo(before);
    assertThat(drains.stats("myapp").refused() - refused).isEqualTo(3);
  }

  @Test
  void refusesABodyOverTheLimitWith413WhetherItsLengthIsDeclaredOrNot() throws Exception {
    long tooLarge = drains.stats("myapp").tooLarge();
    byte[] huge = new byte[HerokuDrains.Settings.DEFAULTS.maxBodyBytes() + 1];
    java.util.Arrays.fill(huge, (byte) 'x');

    HttpResponse<String> declared = post(delivery("myapp", SECRET, "C1", 1), huge);
    HttpResponse<String> chunked = http.send(delivery("myapp", SECRET, "C2", 1)
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge))).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(declared.statusCode()).isEqualTo(413);
    assertThat(chunked.statusCode()).isEqualTo(413);
    assertThat(drains.stats("myapp").tooLarge() - tooLarge).isEqualTo(2);
    assertThat(post(delivery("myapp", SECRET, "C3", 1), body(routerLine(200, 1))).statusCode())
        .as("the server still takes deliveries").isEqualTo(204);
  }

  @Test
  void countsMalformedFramesAndLinesAndStillTakesTheRest() throws Exception {
    var before = drains.stats("myapp");
    long requests = requestsThisHour();
    byte[] good = body(routerLine(200, 5), "<158>1 yesterday heroku router x - at=info status=200");
    byte[] garbage = "999 no such length\n\u0000\u0001binary\n".getBytes(StandardCharsets.ISO_8859_1);
    byte[] mixed = new byte[good.length + garbage.length];
    System.arraycopy(good, 0, mixed, 0, good.length);
    System.arraycopy(garbage, 0, mixed, good.length, garbage.length);

    HttpResponse<String> r = post(delivery("myapp", SECRET, "D1", 4), mixed);

    assertThat(r.statusCode()).isEqualTo(204);
    var after = drains.stats("myapp");
    assertThat(after.malformedFrames() - before.malformedFrames()).isEqualTo(2);
    assertThat(after.malformedLines() - before.malformedLines()).isEqualTo(1);
    assertThat(requestsThisHour() - requests).isEqualTo(1);
  }

  @Test
  void aDeliveryRetriedWithTheSameFrameIdCountsOnce() throws Exception {
    long before = requestsThisHour();
    byte[] b = body(routerLine(200, 5), routerLine(200, 6));

    assertThat(post(delivery("myapp", SECRET, "E1", 2), b).statusCode()).isEqualTo(204);
    assertThat(post(delivery("myapp", SECRET, "E1", 2), b).statusCode()).isEqualTo(204);

    assertThat(requestsThisHour() - before).isEqualTo(2);
  }

  @Test
  void anUnknownAppIs404AWrongMethod405AndTheApiStillNeedsItsToken() throws Exception {
    assertThat(post(delivery("nosuchapp", SECRET, "F1", 1), body(routerLine(200, 1))).statusCode()).isEqualTo(404);
    assertThat(http.send(delivery("myapp", SECRET, "F2", 0).GET().build(), HttpResponse.BodyHandlers.ofString())
        .statusCode()).isEqualTo(405);
    assertThat(post(delivery("myapp", SECRET, "F3", 1).setHeader("Content-Type", "application/json"),
        body(routerLine(200, 1))).statusCode()).isEqualTo(415);
    HttpResponse<String> api = http.send(HttpRequest.newBuilder(URI.create(DrainRouteIT.api.base + "/cutovers"))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("cutover:" + SECRET).getBytes(
            StandardCharsets.UTF_8))).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(api.statusCode()).as("a drain secret opens nothing else").isEqualTo(401);
  }
}
