package dev.cutover.api;

import static dev.cutover.api.ApiFixture.assertError;
import static dev.cutover.api.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.port.Role;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Plans in and out: POST /cutovers (admin) and DELETE /cutovers/{name} (admin), over HTTP on a real fleet. */
@Timeout(120)
class PlanSubmissionIT {
  @RegisterExtension static final ApiFixture api = ApiFixture.perClass();

  @Test
  void anAdminSubmitsAPlanAndItsCutoverStartsAttributedToTheToken() throws Exception {
    String name = ApiFixture.uniqueName("submit");

    HttpResponse<String> r = api.post("/cutovers", Role.ADMIN, "application/yaml; charset=utf-8",
        api.plan(name, ApiFixture.zoneOf(name), name + ".example.com."));

    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    assertThat(r.headers().firstValue("Location")).contains("/api/v1/cutovers/" + name);
    JsonNode body = json(r);
    assertThat(body.at("/cutover/plan").asText()).isEqualTo(name);
    assertThat(body.at("/cutover/startedBy").asText()).isEqualTo("admin-token");
    assertThat(body.path("warnings").findValuesAsText("path")).contains("settle");
    api.awaitView(name, v -> v.phase().equals("AWAITING_APPROVAL"));
  }

  @Test
  void textYamlIsAcceptedToo() throws Exception {
    String name = ApiFixture.uniqueName("submit-text");
    HttpResponse<String> r = api.post("/cutovers", Role.ADMIN, "text/yaml",
        api.plan(name, ApiFixture.zoneOf(name), name + ".example.com."));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
  }

  @Test
  void aBadPlanIs400WithEveryProblemAndItsFieldPathAsValidateSaysThem() throws Exception {
    String yaml = """
        name: Bad_Name
        records:
          - { name: api.example.com., type: CNAME, heroku: heroku, aws: aws }
        steps:
          - { split: 150, bake: 10m }
        gates:
          alarms: [a]
        """;

    HttpResponse<String> r = api.post("/cutovers", Role.ADMIN, "application/yaml", yaml);

    assertError(r, 400, "error(s)", "cutover validate");
    JsonNode problems = json(r).path("problems");
    assertThat(problems.findValuesAsText("path")).contains("name", "zone", "steps[0].split");
    for (JsonNode p : problems) {
      assertThat(p.path("message").asText()).isNotBlank();
      assertThat(p.path("fix").asText()).isNotBlank();
    }
    assertThat(problems.findValuesAsText("fix")).anyMatch(f -> f.contains("name: bad-name"));
  }

  @Test
  void textThatIsNotYamlIs400() throws Exception {
    HttpResponse<String> r = api.post("/cutovers", Role.ADMIN, "application/yaml", "name: [unclosed");
    assertError(r, 400, "error(s)");
    assertThat(json(r).path("problems").size()).isPositive();
  }

  @Test
  void aBodyThatIsNotYamlByItsContentTypeIs415() throws Exception {
    HttpResponse<String> json = api.post("/cutovers", Role.ADMIN, "application/json", "{\"name\": \"x\"}");
    assertError(json, 415, "Content-Type application/yaml");
    assertError(api.post("/cutovers", Role.ADMIN, null, "name: x"), 415, "no content type");
  }

  @Test
  void aBodyOverOneMebibyteIs413() throws Exception {
    String huge = "# " + "x".repeat(1024 * 1024) + "\n";
    assertError(api.post("/cutovers", Role.ADMIN, "application/yaml", huge), 413, "larger than 1 MiB");
  }

  @Test
  void submittingNeedsAnAdmin() throws Exception {
    String name = ApiFixture.uniqueName("submit-role");
    String yaml = api.plan(name, ApiFixture.zoneOf(name), name + ".example.com.");

    assertError(api.post("/cutovers", (String) null, "application/yaml", yaml), 401, "no bearer token");
    assertError(api.post("/cutovers", "cutover_0000000000000000_" + "0".repeat(64), "application/yaml", yaml),
        401, "not valid");
    assertError(api.post("/cutovers", Role.OPERATOR, "application/yaml", yaml), 403,
        "operator-token has the role operator; this needs admin");
    assertError(api.post("/cutovers", Role.VIEWER, "application/yaml", yaml), 403, "this needs admin");
    assertThat(api.fleet.view(name)).as("nothing was submitted").isEmpty();
  }

  @Test
  void aPlanStillRunningIs409() throws Exception {
    String name = api.running("submit-twice");

    HttpResponse<String> again = api.post("/cutovers", Role.ADMIN, "application/yaml",
        api.plan(name, ApiFixture.zoneOf(name), name + ".example.com."));

    assertError(again, 409, "plan " + name + " is already running here", "admin-token");
  }

  @Test
  void aPlanClaimingARecordPairAnotherRunningPlanMovesIs409NamingBothAndThePair() throws Exception {
    String first = api.running("submit-claim");
    String second = ApiFixture.uniqueName("submit-claim");

    HttpResponse<String> r = api.post("/cutovers", Role.ADMIN, "application/yaml",
        api.plan(second, ApiFixture.zoneOf(first), first + ".example.com."));

    assertError(r, 409, "plan " + second + " claims " + first + ".example.com.", "plan " + first);
    assertThat(api.fleet.view(second)).isEmpty();
  }

  @Test
  void anAdminDeletesAnEndedCutoverAndItIsGone() throws Exception {
    String name = api.running("delete");
    assertThat(api.post("/cutovers/" + name + "/abort", Role.OPERATOR, null, "").statusCode()).isEqualTo(202);
    api.awaitView(name, v -> v.exitCode() != null);

    HttpResponse<String> r = api.delete("/cutovers/" + name, Role.ADMIN);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
    assertError(api.get("/cutovers/" + name, Role.VIEWER), 404, "no plan named " + name);
    assertError(api.delete("/cutovers/" + name, Role.ADMIN), 404, "no plan named " + name);
  }

  @Test
  void deletingARunningCutoverIs409() throws Exception {
    String name = api.running("delete-running");

    assertError(api.delete("/cutovers/" + name, Role.ADMIN), 409, "still running", "abort or roll it back first");
    assertThat(api.fleet.view(name)).isPresent();
  }

  @Test
  void deletingNeedsAnAdminAndAPlanName() throws Exception {
    String name = api.running("delete-role");

    assertError(api.send(api.request("/cutovers/" + name, null).DELETE()), 401, "no bearer token");
    assertError(api.delete("/cutovers/" + name, Role.OPERATOR), 403, "this needs admin");
    assertError(api.delete("/cutovers/" + name, Role.VIEWER), 403, "this needs admin");
    assertError(api.delete("/cutovers/no-such-plan", Role.ADMIN), 404, "no plan named no-such-plan");
    assertError(api.delete("/cutovers/Bad_Name", Role.ADMIN), 400, "is not a plan name");
    assertThat(api.fleet.view(name)).isPresent();
  }
}
