package dev.cutover.api;

import static dev.cutover.api.ApiFixture.assertError;
import static dev.cutover.api.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.port.Role;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * POST /rollback: every plan, or those with given labels, back to 100% Heroku in one UPSERT per zone. Each test
 * has a fleet of its own, as {"all": true} touches every plan of it.
 */
@Timeout(120)
class FleetRollbackIT {
  @RegisterExtension final ApiFixture api = ApiFixture.perTest();

  /** A plan with labels at 5% AWS. */
  String shifted(String prefix, Map<String, String> labels) throws Exception {
    String name = api.runningWithLabels(prefix, labels);
    assertThat(api.post("/cutovers/" + name + "/resume", Role.OPERATOR, null, "").statusCode()).isEqualTo(202);
    api.awaitView(name, v -> v.phase().equals("BAKING"));
    return name;
  }

  HttpResponse<String> rollback(Role role, String body) throws Exception {
    return api.post("/rollback", role, "application/json", body);
  }

  long awsWeight(String name) {
    return api.sandbox.route53().records(ApiFixture.zoneOf(name)).stream()
        .filter(r -> "aws".equals(r.setIdentifier())).findFirst().orElseThrow().weight();
  }

  @Test
  void labelsSelectThePlansToRollBackAndLeaveTheOthersRunning() throws Exception {
    String payments = shifted("fleet-pay", Map.of("team", "payments", "tier", "1"));
    String search = shifted("fleet-search", Map.of("team", "search", "tier", "1"));

    HttpResponse<String> r = rollback(Role.OPERATOR, "{\"labels\": {\"team\": \"payments\"}}");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode report = json(r);
    assertThat(report.path("allApplied").asBoolean()).isTrue();
    assertThat(report.path("zones").findValuesAsText("zone")).containsExactly(ApiFixture.zoneOf(payments));
    assertThat(awsWeight(payments)).isZero();
    assertThat(api.awaitView(payments, v -> v.exitCode() != null).exitCode()).isEqualTo(5);
    assertThat(awsWeight(search)).isEqualTo(5);
    assertThat(api.fleet.view(search).orElseThrow().phase()).isEqualTo("BAKING");
  }

  @Test
  void allRollsBackEveryPlanWithOneBatchPerZone() throws Exception {
    String a = shifted("fleet-all", Map.of());
    String b = shifted("fleet-all", Map.of("team", "x"));

    HttpResponse<String> r = rollback(Role.OPERATOR, "{\"all\": true}");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode zones = json(r).path("zones");
    assertThat(zones.findValuesAsText("zone")).containsExactlyInAnyOrder(ApiFixture.zoneOf(a), ApiFixture.zoneOf(b));
    zones.forEach(z -> assertThat(z.path("changeId").asText()).isNotBlank());
    assertThat(awsWeight(a)).isZero();
    assertThat(awsWeight(b)).isZero();
  }

  @Test
  void aBodyThatSaysNeitherAllNorLabelsOrIsNotJsonIs400() throws Exception {
    shifted("fleet-bad", Map.of("team", "payments"));

    assertError(rollback(Role.OPERATOR, "{}"), 400, "neither all nor labels");
    assertError(rollback(Role.OPERATOR, "{\"all\": true, \"labels\": {\"team\": \"payments\"}}"), 400,
        "not both");
    HttpResponse<String> allFalse = rollback(Role.OPERATOR, "{\"all\": false}");
    assertError(allFalse, 400, "all must be true");
    assertThat(json(allFalse).at("/problems/0/path").asText()).isEqualTo("all");
    assertError(rollback(Role.OPERATOR, "{\"labels\": {}}"), 400, "non-empty object");
    HttpResponse<String> number = rollback(Role.OPERATOR, "{\"labels\": {\"tier\": 1}}");
    assertError(number, 400, "must be a string");
    assertThat(json(number).at("/problems/0/path").asText()).isEqualTo("labels.tier");
    assertError(rollback(Role.OPERATOR, "all"), 400, "not JSON");
    assertError(rollback(Role.OPERATOR, "[]"), 400, "JSON object");
    assertThat(api.fleet.list()).allMatch(v -> v.phase().equals("BAKING"));
  }

  @Test
  void labelsNoPlanHasAre404() throws Exception {
    shifted("fleet-none", Map.of("team", "payments"));

    assertError(rollback(Role.OPERATOR, "{\"labels\": {\"team\": \"nobody\"}}"), 404, "no plan here has the labels");
  }

  @Test
  void aFleetRollbackNeedsAnOperator() throws Exception {
    String name = shifted("fleet-role", Map.of());

    assertError(api.post("/rollback", (String) null, "application/json", "{\"all\": true}"), 401, "no bearer token");
    assertError(rollback(Role.VIEWER, "{\"all\": true}"), 403, "this needs operator");
    assertThat(awsWeight(name)).isEqualTo(5);
  }

  @Test
  void aZoneWhoseRevertRoute53RefusesIs502WithTheReport() throws Exception {
    String name = shifted("fleet-fail", Map.of());
    api.sandbox.route53().faults().failUntil(api.scheduler.clock().instant().plusSeconds(3600), 503);

    HttpResponse<String> r = rollback(Role.OPERATOR, "{\"all\": true}");

    assertError(r, 502, "Route 53 refused or did not answer");
    JsonNode report = json(r).path("report");
    assertThat(report.path("allApplied").asBoolean()).isFalse();
    assertThat(report.at("/zones/0/plans/0").asText()).isEqualTo(name);
    assertThat(report.at("/zones/0/error").asText()).isNotBlank();
    api.sandbox.route53().faults().reset();
  }
}
