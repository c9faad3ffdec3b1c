package dev.cutover.api;

import static dev.cutover.testkit.Futures.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.domain.CutoverEvent;
import dev.cutover.port.Role;
import dev.cutover.sandbox.cloudwatch.StateValue;
import dev.cutover.sandbox.route53.RecordSet;
import dev.cutover.testkit.CuttableProxy;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The dashboard in a real browser (headless Chromium through Selenium) against a real fleet, API server and the
 * sandbox with time compressed 20 times: what a release manager, an incident responder and a viewer see and do.
 */
class DashboardIT {
  @RegisterExtension
  @Order(1)
  static final ApiFixture api = ApiFixture.perClass();

  @RegisterExtension
  @Order(2)
  static final Browser browser = new Browser();

  /** Steps that run by themselves: 5% bakes 3 min (9 s here), then 100% bakes 1 min. */
  static final String PROGRESSING = """
        - { split: 5, bake: 3m }
        - { split: 100, bake: 1m }
      """;

  String base() {
    return "http://127.0.0.1:" + api.api.port();
  }

  void signIn(String base, Role role) {
    browser.driver.get(base + "/");
    browser.shown("#token").sendKeys(api.token.get(role));
    browser.click("#signin-button");
    browser.text("#who-role", role.label());
  }

  WebElement row(String plan) {
    return browser.shown("tr[data-plan='" + plan + "']");
  }

  String phaseOf(String plan) {
    return row(plan).findElement(By.cssSelector("[data-phase]")).getAttribute("data-phase");
  }

  /** The phase in the heading of a cutover's page. */
  String pagePhase() {
    return browser.find("h1 [data-phase]").getAttribute("data-phase");
  }

  Map<String, Long> weights(String plan) {
    return api.sandbox.route53().records(ApiFixture.zoneOf(plan)).stream()
        .filter(r -> r.setIdentifier() != null)
        .collect(Collectors.toMap(RecordSet::setIdentifier, RecordSet::weight));
  }

  @Test
  void theFleetViewShowsACutoverProgressingLiveWithoutReloading() throws Exception {
    signIn(base(), Role.VIEWER);
    browser.script("window.notReloaded = true");
    String plan = api.submit("live", PROGRESSING, "{ team: payments }");

    browser.await("the new cutover baking at 5%", d -> "BAKING".equals(phaseOf(plan))
        && row(plan).getText().contains("5%"));
    WebElement bar = row(plan).findElement(By.cssSelector("progress"));
    double first = Double.parseDouble(bar.getAttribute("value"));
    browser.await("the bake bar advancing", d -> Double.parseDouble(row(plan)
        .findElement(By.cssSelector("progress")).getAttribute("value")) > first);
    assertThat(row(plan).getText()).contains("team=payments", "step 1 of 2", "left");
    browser.await("the cutover completed at 100%", d -> "COMPLETED".equals(phaseOf(plan)));
    assertThat(row(plan).getText()).contains("100%", "finished");
    assertThat(browser.script("return window.notReloaded === true")).as("updated in place, not reloaded")
        .isEqualTo(true);
  }

  @Test
  void approveAfterItsConfirmationStartsTheWaitingStepAndCancelChangesNothing() throws Exception {
    String plan = api.running("approve");
    api.alarm(plan, StateValue.OK);
    signIn(base(), Role.OPERATOR);
    browser.driver.get(base() + "/cutovers/" + plan);
    browser.await("awaiting approval", d -> "AWAITING_APPROVAL".equals(pagePhase()));
    assertThat(browser.all("[data-action]")).extracting(e -> e.getAttribute("data-action"))
        .containsExactly("approve", "pause", "abort", "rollback");

    browser.click("button[data-action='pause']");
    browser.text("#confirm-title", "Pause " + plan);
    browser.click("#confirm-cancel");
    browser.await("the dialog closed", d -> !browser.find("#confirm").isDisplayed());

    WebElement approve = browser.shown("button[data-action='approve']");
    assertThat(approve.getText()).isEqualTo("Approve step 1");
    browser.click("button[data-action='approve']");
    WebElement dialog = browser.shown("#confirm");
    List<String> batch = api.fleet.view(plan).orElseThrow().nextChanges();
    assertThat(batch).isNotEmpty();
    assertThat(dialog.getText()).contains("Approve step 1 of 2 of " + plan, "0% → 5%", "bakes 1h").contains(batch);
    browser.click("#confirm-ok");

    browser.await("baking", d -> "BAKING".equals(pagePhase()));
    browser.text(".split-now", "5%");
    assertThat(weights(plan)).isEqualTo(Map.of("heroku", 95L, "aws", 5L));
    api.awaitEvent(plan, CutoverEvent.Approved.class, a -> a.by().equals("operator-token"));
    assertThat(api.fleet.events(plan).toCompletionStage().toCompletableFuture().get())
        .filteredOn(e -> e instanceof CutoverEvent.OperatorRequest r && r.command().name().equals("PAUSE"))
        .as("the cancelled pause was never sent").isEmpty();
    browser.text(".timeline tr[data-type='approved'] td.who", "operator-token");
  }

  @Test
  void theRollbackPageOnAPhoneRevertsEveryCutoverToHerokuInOneClickAndAConfirmation() throws Exception {
    String plan = api.running("phone");
    api.alarm(plan, StateValue.OK);
    assertThat(api.post("/cutovers/" + plan + "/resume", Role.OPERATOR, null, "").statusCode()).isEqualTo(202);
    api.awaitView(plan, v -> "BAKING".equals(v.phase()));
    assertThat(weights(plan)).containsEntry("aws", 5L);

    browser.phone();
    signIn(base(), Role.OPERATOR);
    browser.click("a[href='/rollback']");
    WebElement all = browser.shown("#rollback-all");
    assertThat(browser.script("return document.documentElement.scrollWidth")).as("no sideways scrolling")
        .isEqualTo(375L);
    assertThat(all.getRect().getWidth()).as("a button as wide as the screen").isGreaterThan(300);
    browser.click("#rollback-all");
    WebElement dialog = browser.shown("#confirm");
    assertThat(dialog.getText()).contains("Roll back ALL", plan, "Heroku weight 100, AWS weight 0");
    assertThat(dialog.getRect().getWidth()).isLessThanOrEqualTo(375);
    browser.click("#confirm-ok");

    browser.text("#rollback-result", "Rolled back");
    for (String p : api.fleet.list().stream().map(v -> v.plan()).toList()) {
      assertThat(weights(p)).as(p).isEqualTo(Map.of("heroku", 100L, "aws", 0L));
    }
    api.awaitView(plan, v -> "ABORTED".equals(v.phase()));
    browser.await("the rolled-back cutover shown aborted at 0%", d -> browser.find(
        ".rollback-item[data-plan='" + plan + "']").getText().contains("0% to AWS")
        && browser.find(".rollback-item[data-plan='" + plan + "'] [data-phase]").getAttribute("data-phase")
        .equals("ABORTED"));
  }

  @Test
  void aViewerSeesNoActionButtonsAndTheServerRefusesAChangeWithoutItsCsrfToken() throws Exception {
    String plan = api.running("viewer");
    signIn(base(), Role.VIEWER);
    browser.driver.get(base() + "/cutovers/" + plan);
    browser.await("awaiting approval", d -> "AWAITING_APPROVAL".equals(pagePhase()));
    browser.text(".timeline", "approval-requested");
    assertThat(browser.all("[data-action]")).isEmpty();
    browser.click("a[href='/rollback']");
    browser.text("#not-allowed", "Your role (viewer) cannot roll back");
    assertThat(browser.all("#rollback-all, [data-rollback]")).isEmpty();
    assertThat(browser.asyncScript(PAUSE_WITH_CSRF, plan)).as("a viewer's session, even with its CSRF token")
        .asString().startsWith("403 ").contains("viewer");

    browser.click("#signout");
    browser.shown("#token");
    signIn(base(), Role.OPERATOR);
    browser.driver.get(base() + "/cutovers/" + plan);
    browser.shown("button[data-action='approve']");
    assertThat(browser.script("return document.cookie")).as("the session cookie is HttpOnly").asString()
        .doesNotContain(Sessions.COOKIE);
    assertThat(browser.asyncScript(FORGED_PAUSE, plan)).as("an operator's session without the CSRF token")
        .asString().startsWith("403 ").contains("CSRF");
    assertThat(api.fleet.events(plan).toCompletionStage().toCompletableFuture().get())
        .noneMatch(e -> e instanceof CutoverEvent.OperatorRequest);
    assertThat(api.fleet.view(plan).orElseThrow().phase()).isEqualTo("AWAITING_APPROVAL");
  }

  /** A POST that carries the session cookie (as any request from this page would) but not the CSRF header. */
  static final String FORGED_PAUSE = """
      const done = arguments[arguments.length - 1];
      fetch('/api/v1/cutovers/' + arguments[0] + '/pause', {method: 'POST', credentials: 'include'})
        .then(r => r.json().then(b => done(r.status + ' ' + b.error)), e => done('failed ' + e));
      """;

  /** The page's own request, with the session's CSRF token. */
  static final String PAUSE_WITH_CSRF = """
      const done = arguments[arguments.length - 1];
      fetch('/session').then(r => r.json()).then(s => fetch('/api/v1/cutovers/' + arguments[0] + '/pause',
          {method: 'POST', headers: {'X-CSRF-Token': s.csrf}}))
        .then(r => r.json().then(b => done(r.status + ' ' + b.error)), e => done('failed ' + e));
      """;

  @Test
  void aLostConnectionIsShownAndTheDashboardCatchesUpWhenItReconnectsByItself() throws Exception {
    String plan = api.running("lost");
    try (CuttableProxy proxy = CuttableProxy.start(api.api.port())) {
      String via = "http://127.0.0.1:" + proxy.port();
      signIn(via, Role.VIEWER);
      browser.await("live", d -> "live".equals(browser.find("#live").getAttribute("data-state")));
      assertThat(phaseOf(plan)).isEqualTo("AWAITING_APPROVAL");
      assertThat(browser.find("#connection").isDisplayed()).isFalse();

      proxy.cut();
      browser.text("#connection", "Connection to the server lost");
      assertThat(api.post("/cutovers/" + plan + "/pause", Role.OPERATOR, null, "").statusCode()).isEqualTo(202);
      api.awaitView(plan, v -> "PAUSED".equals(v.phase()));
      assertThat(phaseOf(plan)).as("nothing new while cut off").isEqualTo("AWAITING_APPROVAL");

      proxy.restore();
      browser.await("the banner gone", d -> !browser.find("#connection").isDisplayed()
          && "live".equals(browser.find("#live").getAttribute("data-state")));
      browser.await("what happened meanwhile shown", d -> "PAUSED".equals(phaseOf(plan)));
      assertThat(api.post("/cutovers/" + plan + "/resume", Role.OPERATOR, null, "").statusCode()).isEqualTo(202);
      browser.await("live again", d -> "AWAITING_APPROVAL".equals(phaseOf(plan)));
    }
  }

  @Test
  void aServerRestartIsShownThenTheSignInAsksAgainAndThePageIsLiveAfterwards() throws Exception {
    String plan = api.running("restart");
    signIn(base(), Role.VIEWER);
    browser.await("live", d -> "live".equals(browser.find("#live").getAttribute("data-state")));
    int port = api.api.port();

    await(api.api.close());
    browser.text("#connection", "Connection to the server lost");
    api.api = await(ApiServer.start(api.vertx, api.fleet, api.tokens, ApiServer.Options.defaults()
        .withAddress("127.0.0.1", port)));

    browser.text("#signin-error", "sign in again");
    assertThat(browser.find("#connection").isDisplayed()).isFalse();
    signIn(base(), Role.VIEWER);
    browser.await("live", d -> "live".equals(browser.find("#live").getAttribute("data-state")));
    assertThat(api.post("/cutovers/" + plan + "/pause", Role.OPERATOR, null, "").statusCode()).isEqualTo(202);
    browser.await("live after the restart", d -> "PAUSED".equals(phaseOf(plan)));
  }
}
