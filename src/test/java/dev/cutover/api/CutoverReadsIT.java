package dev.cutover.api;

import static dev.cutover.api.ApiFixture.assertError;
import static dev.cutover.api.ApiFixture.json;
import static dev.cutover.testkit.Futures.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.port.Role;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The read endpoints over HTTP, against a real fleet on the sandbox: health, readiness, the OpenAPI document,
 * the list (with its filters), one cutover, its journal. Reads need a token too; a viewer's is enough.
 */
@Timeout(120)
class CutoverReadsIT {
  @RegisterExtension static final ApiFixture api = ApiFixture.perClass();

  @Test
  void healthzAnswersWithoutAToken() throws Exception {
    HttpResponse<String> r = api.get("/healthz", (String) null);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r).path("status").asText()).isEqualTo("ok");
  }

  @Test
  void readyzNeedsATokenAndSaysReady() throws Exception {
    assertError(api.get("/readyz", (String) null), 401, "no bearer token");

    HttpResponse<String> r = api.get("/readyz", Role.VIEWER);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r).path("status").asText()).isEqualTo("ready");
  }

  @Test
  void theOpenApiDocumentIsServedToAViewer() throws Exception {
    assertError(api.get("/openapi.yaml", (String) null), 401, "no bearer token");

    HttpResponse<String> r = api.get("/openapi.yaml", Role.VIEWER);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
        .startsWith("application/yaml"));
    assertThat(r.body()).startsWith("openapi: 3.").contains("/cutovers/{name}/stream:");
  }

  @Test
  void everyReadIsRefusedWithoutAValidBearerToken() throws Exception {
    String name = api.running("reads-auth");
    for (String path : new String[] {"/cutovers", "/cutovers/" + name, "/cutovers/" + name + "/events"}) {
      assertError(api.get(path, (String) null), 401, "no bearer token");
      HttpResponse<String> wrongSecret = api.get(path, api.token.get(Role.ADMIN).substring(0, 30) + "0".repeat(59));
      assertError(wrongSecret, 401, "not valid");
      assertThat(wrongSecret.headers().firstValue("WWW-Authenticate")).contains(
          "Bearer realm=\"cutover\", error=\"invalid_token\"");
      assertError(api.get(path, "not-a-token"), 401, "neither a cutover token");
      assertError(api.send(api.request(path, null).header("Authorization", "Basic YWRtaW46YWRtaW4=").GET()), 401,
          "not a bearer token");
    }
  }

  @Test
  void listShowsEveryCutoverAndFiltersByPhase() throws Exception {
    String name = api.running("reads-list");

    JsonNode all = json(api.get("/cutovers", Role.VIEWER)).path("cutovers");
    assertThat(all.findValuesAsText("plan")).contains(name);

    JsonNode waiting = json(api.get("/cutovers?phase=awaiting_approval", Role.VIEWER)).path("cutovers");
    assertThat(waiting.findValuesAsText("plan")).contains(name);
    JsonNode baking = json(api.get("/cutovers?phase=BAKING", Role.VIEWER)).path("cutovers");
    assertThat(baking.findValuesAsText("plan")).doesNotContain(name);
  }

  @Test
  void listFiltersByLabels() throws Exception {
    String payments = api.runningWithLabels("reads-labels", Map.of("team", "payments", "tier", "1"));
    String search = api.runningWithLabels("reads-labels", Map.of("team", "search", "tier", "1"));

    JsonNode team = json(api.get("/cutovers?label=team=payments", Role.VIEWER)).path("cutovers");
    assertThat(team.findValuesAsText("plan")).contains(payments).doesNotContain(search);
    JsonNode both = json(api.get("/cutovers?label=tier=1&label=team=search", Role.VIEWER)).path("cutovers");
    assertThat(both.findValuesAsText("plan")).contains(search).doesNotContain(payments);
  }

  @Test
  void listRefusesAnUnknownPhaseOrALabelThatIsNotKeyEqualsValue() throws Exception {
    HttpResponse<String> phase = api.get("/cutovers?phase=SLEEPING", Role.VIEWER);
    assertError(phase, 400, "`SLEEPING` is not a phase");
    assertThat(json(phase).at("/problems/0/path").asText()).isEqualTo("phase");
    assertThat(json(phase).at("/problems/0/fix").asText()).contains("AWAITING_APPROVAL", "BAKING");

    HttpResponse<String> label = api.get("/cutovers?label=payments", Role.VIEWER);
    assertError(label, 400, "not KEY=VALUE");
    assertThat(json(label).at("/problems/0/path").asText()).isEqualTo("label");
  }

  @Test
  void oneCutoverShowsPhaseStepSplitGatesWeightsAndTheNextChangeBatch() throws Exception {
    String name = api.running("reads-view");
    api.awaitView(name, v -> v.weights() != null && v.gates() != null);

    HttpResponse<String> r = api.get("/cutovers/" + name, Role.VIEWER);

    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode v = json(r);
    assertThat(v.path("plan").asText()).isEqualTo(name);
    assertThat(v.path("phase").asText()).isEqualTo("AWAITING_APPROVAL");
    assertThat(v.path("step").asInt()).isEqualTo(-1);
    assertThat(v.path("steps")).extracting(JsonNode::asInt).containsExactly(5, 100);
    assertThat(v.path("split").asInt()).isZero();
    assertThat(v.path("startedBy").asText()).isEqualTo("admin-token");
    assertThat(v.path("gates").findValuesAsText("gate")).containsExactly(name + "-5xx-rate");
    assertThat(v.at("/weights/0/heroku/weight").asLong()).isEqualTo(100);
    assertThat(v.at("/weights/0/aws/weight").asLong()).isZero();
    assertThat(v.path("nextChanges").toString()).contains(name + ".example.com.");
  }

  @Test
  void oneCutoverIs404WhenUnknownAnd400WhenTheNameCannotBeAPlan() throws Exception {
    assertError(api.get("/cutovers/no-such-plan", Role.VIEWER), 404, "no plan named no-such-plan");
    HttpResponse<String> bad = api.get("/cutovers/Not_A_Plan", Role.VIEWER);
    assertError(bad, 400, "`Not_A_Plan` is not a plan name");
    assertThat(json(bad).at("/problems/0/path").asText()).isEqualTo("name");
  }

  @Test
  void theJournalOfACutoverIsItsEventsOldestFirst() throws Exception {
    String name = api.running("reads-events");

    HttpResponse<String> r = api.get("/cutovers/" + name + "/events", Role.VIEWER);

    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode events = json(r).path("events");
    assertThat(events.findValuesAsText("type")).containsSubsequence("started", "preflight-passed",
        "approval-requested");
    assertThat(events.get(0).path("by").asText()).isEqualTo("admin-token");
    assertThat(await(api.fleet.events(name)).stream().map(e -> e.type()).toList())
        .as("the journal, which may have grown since").startsWith(events.findValuesAsText("type")
            .toArray(String[]::new));
  }

  @Test
  void theJournalIs404ForAnUnknownPlanAnd400ForABadName() throws Exception {
    assertError(api.get("/cutovers/nobody/events", Role.VIEWER), 404, "no plan named nobody");
    assertError(api.get("/cutovers/UPPER/events", Role.VIEWER), 400, "is not a plan name");
  }

  @Test
  void anUnknownEndpointIsAJson404AndAWrongMethodAJson405() throws Exception {
    assertError(api.get("/nothing-here", Role.VIEWER), 404, "no such endpoint");
    assertError(api.send(api.request("/events", api.token.get(Role.ADMIN))
        .PUT(java.net.http.HttpRequest.BodyPublishers.noBody())), 405, "does not take that method");
  }
}
