package dev.cutover.api;

import static dev.cutover.api.ApiFixture.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.port.Role;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Server-sent events: every cutover's at /events, one cutover's at /cutovers/{name}/stream. */
@Timeout(120)
class EventStreamsIT {
  static final Duration WAIT = Duration.ofSeconds(20);
  @RegisterExtension static final ApiFixture api = ApiFixture.perClass();

  SseClient subscribe(String path, Role role) throws Exception {
    return SseClient.open(api.http, api.request(path, api.token.get(role)));
  }

  @Test
  void aViewerSubscribedToEveryCutoverSeesASubmittedPlansEventsArrive() throws Exception {
    try (SseClient events = subscribe("/events", Role.VIEWER)) {
      assertThat(events.response().statusCode()).isEqualTo(200);
      assertThat(events.response().headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
          .startsWith("text/event-stream"));
      assertThat(events.next(WAIT).comment()).as("the stream is open").contains("streaming every cutover");

      String name = api.running("sse-all");

      SseClient.Frame started = events.await(f -> "started".equals(f.type()), WAIT);
      assertThat(started.data().path("plan").asText()).isEqualTo(name);
      assertThat(started.data().path("by").asText()).isEqualTo("admin-token");
      assertThat(started.data().path("at").asText()).isNotBlank();
      SseClient.Frame preflight = events.await(f -> "preflight-passed".equals(f.type()), WAIT);
      assertThat(preflight.data().path("plan").asText()).isEqualTo(name);
      events.await(f -> "approval-requested".equals(f.type()) && f.data().path("plan").asText().equals(name), WAIT);
    }
  }

  @Test
  void aCutoversStreamCarriesItsEventsAndNoOtherPlans() throws Exception {
    String mine = api.running("sse-one");
    String other = api.running("sse-other");
    try (SseClient stream = subscribe("/cutovers/" + mine + "/stream", Role.VIEWER)) {
      assertThat(stream.next(WAIT).comment()).contains("streaming plan " + mine);

      assertThat(api.post("/cutovers/" + other + "/pause", Role.OPERATOR, null, "").statusCode()).isEqualTo(202);
      assertThat(api.post("/cutovers/" + mine + "/pause", Role.OPERATOR, null, "").statusCode()).isEqualTo(202);

      SseClient.Frame request = stream.await(f -> "operator-request".equals(f.type()), WAIT);
      assertThat(request.data().path("plan").asText()).isEqualTo(mine);
      assertThat(request.data().path("by").asText()).isEqualTo("operator-token");
      api.awaitView(other, v -> v.phase().equals("PAUSED"));
      assertThat(stream.drain(Duration.ofMillis(300))).noneMatch(f -> f.data() != null
          && f.data().path("plan").asText().equals(other));
    }
  }

  @Test
  void streamsNeedAToken() throws Exception {
    String name = api.running("sse-auth");
    assertError(api.get("/events", (String) null), 401, "no bearer token");
    assertError(api.get("/cutovers/" + name + "/stream", (String) null), 401, "no bearer token");
    assertError(api.get("/events", "cutover_0000000000000000_" + "1".repeat(64)), 401, "not valid");
  }

  @Test
  void theStreamOfAnUnknownPlanIs404AndOfABadName400() throws Exception {
    HttpResponse<String> unknown = api.get("/cutovers/no-such-plan/stream", Role.VIEWER);
    assertError(unknown, 404, "no plan named no-such-plan");
    assertError(api.get("/cutovers/Bad_Name/stream", Role.VIEWER), 400, "is not a plan name");
  }
}
