package dev.cutover.api;

import static dev.cutover.api.ApiFixture.assertError;
import static dev.cutover.api.ApiFixture.json;
import static dev.cutover.testkit.Futures.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.domain.CutoverEvent;
import dev.cutover.domain.OperatorCommand;
import dev.cutover.domain.Split;
import dev.cutover.port.Role;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An operator's controls over HTTP on a real fleet: pause, resume (approve), promote, abort and the rollback of
 * one cutover; each journalled with the token's name; refused to a viewer, for an unknown plan, for an ended one.
 */
@Timeout(120)
class OperatorCommandsIT {
  @RegisterExtension static final ApiFixture api = ApiFixture.perClass();

  HttpResponse<String> command(String name, String command, Role role) throws Exception {
    return api.post("/cutovers/" + name + "/" + command, role, null, "");
  }

  List<CutoverEvent> journal(String name) throws Exception {
    return await(api.fleet.events(name));
  }

  /** The split of the plan's pair in the sandbox's Route 53 now. */
  Split split(String name) {
    var world = api.sandbox.route53().records(ApiFixture.zoneOf(name));
    long heroku = world.stream().filter(r -> "heroku".equals(r.setIdentifier())).findFirst().orElseThrow().weight();
    long aws = world.stream().filter(r -> "aws".equals(r.setIdentifier())).findFirst().orElseThrow().weight();
    return Split.fromWeights(heroku, aws).orElseThrow();
  }

  @Test
  void resumeApprovesTheWaitingStepAndTheShiftIsAttributedToTheOperator() throws Exception {
    String name = api.running("resume");

    HttpResponse<String> r = command(name, "resume", Role.OPERATOR);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    JsonNode body = json(r);
    assertThat(body.path("command").asText()).isEqualTo("resume");
    assertThat(body.path("by").asText()).isEqualTo("operator-token");
    api.awaitView(name, v -> v.phase().equals("BAKING"));
    assertThat(split(name)).isEqualTo(Split.of(5));
    assertThat(api.awaitEvent(name, CutoverEvent.Approved.class, a -> true).by()).isEqualTo("operator-token");
  }

  @Test
  void pauseHoldsTheCutoverAndResumeLetsItGoOn() throws Exception {
    String name = api.running("pause");

    assertThat(command(name, "pause", Role.OPERATOR).statusCode()).isEqualTo(202);
    api.awaitView(name, v -> v.phase().equals("PAUSED"));
    assertThat(command(name, "resume", Role.ADMIN).statusCode()).as("an admin may too").isEqualTo(202);
    api.awaitView(name, v -> v.phase().equals("AWAITING_APPROVAL"));
    waitForRequest(name, OperatorCommand.Kind.RESUME);

    assertThat(journal(name)).filteredOn(CutoverEvent.OperatorRequest.class::isInstance)
        .map(e -> (CutoverEvent.OperatorRequest) e)
        .extracting(CutoverEvent.OperatorRequest::command, CutoverEvent.OperatorRequest::by)
        .containsExactly(tuple(OperatorCommand.Kind.PAUSE, "operator-token"),
            tuple(OperatorCommand.Kind.RESUME, "admin-token"));
  }

  @Test
  void promoteIsDeliveredAndJournalled() throws Exception {
    String name = api.running("promote");
    command(name, "resume", Role.OPERATOR);
    api.awaitView(name, v -> v.phase().equals("BAKING"));

    HttpResponse<String> r = command(name, "promote", Role.OPERATOR);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    CutoverEvent.OperatorRequest promote = waitForRequest(name, OperatorCommand.Kind.PROMOTE);
    assertThat(promote.effect()).contains("bake skipped");
    assertThat(promote.by()).isEqualTo("operator-token");
  }

  private CutoverEvent.OperatorRequest waitForRequest(String name, OperatorCommand.Kind kind) throws Exception {
    return api.awaitEvent(name, CutoverEvent.OperatorRequest.class, r -> r.command() == kind);
  }

  @Test
  void abortRevertsToHerokuAndEndsTheCutoverWithExitFive() throws Exception {
    String name = api.running("abort");
    command(name, "resume", Role.OPERATOR);
    api.awaitView(name, v -> v.phase().equals("BAKING"));

    assertThat(command(name, "abort", Role.OPERATOR).statusCode()).isEqualTo(202);

    var ended = api.awaitView(name, v -> v.exitCode() != null);
    assertThat(ended.exitCode()).isEqualTo(5);
    assertThat(split(name)).isEqualTo(Split.ALL_HEROKU);
    assertThat(waitForRequest(name, OperatorCommand.Kind.ABORT).by()).isEqualTo("operator-token");
  }

  @ParameterizedTest
  @ValueSource(strings = {"pause", "resume", "promote", "abort", "rollback"})
  void everyControlNeedsAnOperatorTokenAndAPlanThatExists(String control) throws Exception {
    String name = api.running("control-" + control);

    assertError(api.post("/cutovers/" + name + "/" + control, (String) null, null, ""), 401, "no bearer token");
    assertError(api.post("/cutovers/" + name + "/" + control, "eyJ.eyJ.sig", null, ""), 401, "neither");
    assertError(command(name, control, Role.VIEWER), 403, "viewer-token has the role viewer; this needs operator");
    assertError(command("no-such-plan", control, Role.OPERATOR), 404, "no plan named no-such-plan");
    assertError(command("Bad_Name", control, Role.OPERATOR), 400, "is not a plan name");
    assertThat(api.fleet.view(name).orElseThrow().phase()).as("nothing was done").isEqualTo("AWAITING_APPROVAL");
  }

  @ParameterizedTest
  @ValueSource(strings = {"pause", "resume", "promote", "abort"})
  void aCommandToAnEndedCutoverIs409(String control) throws Exception {
    String name = api.running("ended-" + control);
    command(name, "abort", Role.OPERATOR);
    api.awaitView(name, v -> v.exitCode() != null);

    assertError(command(name, control, Role.OPERATOR), 409, "plan " + name + " is not running any more",
        control + " applies to a running cutover");
  }

  @Test
  void rollbackOfOneCutoverPutsItsRecordsOnHerokuAndStopsIt() throws Exception {
    String name = api.running("rollback");
    command(name, "resume", Role.OPERATOR);
    api.awaitView(name, v -> v.phase().equals("BAKING"));
    assertThat(split(name)).isEqualTo(Split.of(5));

    HttpResponse<String> r = command(name, "rollback", Role.OPERATOR);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode report = json(r);
    assertThat(report.path("allApplied").asBoolean()).isTrue();
    assertThat(report.at("/zones/0/plans/0").asText()).isEqualTo(name);
    assertThat(report.at("/zones/0/changeId").asText()).isNotBlank();
    assertThat(report.at("/zones/0/changes").toString()).contains("UPSERT");
    assertThat(split(name)).isEqualTo(Split.ALL_HEROKU);
    assertThat(api.awaitView(name, v -> v.exitCode() != null).exitCode()).isEqualTo(5);
    assertThat(waitForRequest(name, OperatorCommand.Kind.ABORT).by()).isEqualTo("operator-token");
  }

  @Test
  void rollbackOfAnEndedCutoverStillAppliesAsTheEscapeHatch() throws Exception {
    String name = api.running("rollback-ended");
    command(name, "abort", Role.OPERATOR);
    api.awaitView(name, v -> v.exitCode() != null);

    HttpResponse<String> r = command(name, "rollback", Role.OPERATOR);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(json(r).at("/zones/0/changeId").isNull()).as("already all on Heroku: nothing to send").isTrue();
  }
}
