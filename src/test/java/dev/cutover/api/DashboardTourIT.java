package dev.cutover.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.domain.CutoverEvent;
import dev.cutover.domain.Verdict;
import dev.cutover.port.Role;
import dev.cutover.sandbox.cloudwatch.StateValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.support.ui.Select;

/**
 * A screenshot tour of the dashboard for the README (target/dashboard-tour/): a small fleet in several phases, one
 * cutover with a history of steps and a gate that went inconclusive, and the rollback page on a phone.
 */
class DashboardTourIT {
  static final Path TOUR = Path.of("target", "dashboard-tour");

  @RegisterExtension
  @Order(1)
  static final ApiFixture api = ApiFixture.perClass();

  @RegisterExtension
  @Order(2)
  static final Browser browser = new Browser();

  static String checkout;
  static String search;
  static String billing;
  static String ledger;

  /** A fleet of four: two waiting for approval (one after two steps), one baking, one rolled back by its gate. */
  @BeforeAll
  static void fleet() throws Exception {
    checkout = api.submit("checkout-api", """
          - { split: 5, bake: 2m }
          - { split: 25, bake: 1m }
          - { split: 50, bake: 30m, approval: true }
          - { split: 100, bake: 1h }
        """, "{ team: payments, tier: critical }");
    api.awaitView(checkout, v -> "BAKING".equals(v.phase()) && v.split() != null && v.split().percent() == 5);
    api.alarm(checkout, StateValue.INSUFFICIENT_DATA);
    api.awaitEvent(checkout, CutoverEvent.GatesRead.class, g -> g.overall() == Verdict.INCONCLUSIVE);
    api.alarm(checkout, StateValue.OK);
    search = api.submit("search", """
          - { split: 10, bake: 2h }
          - { split: 100, bake: 1h }
        """, "{ team: discovery, tier: standard }");
    billing = api.submit("billing", """
          - { split: 5, bake: 1h, approval: true }
          - { split: 100, bake: 1h }
        """, "{ team: payments, tier: critical }");
    ledger = api.submit("ledger", """
          - { split: 5, bake: 1h }
          - { split: 100, bake: 1h }
        """, "{ team: payments, tier: standard }");
    api.awaitView(ledger, v -> "BAKING".equals(v.phase()));
    api.alarm(ledger, StateValue.ALARM);
    api.awaitView(ledger, v -> "ROLLED_BACK".equals(v.phase()));
    api.awaitView(checkout, v -> "AWAITING_APPROVAL".equals(v.phase()));
    api.awaitView(search, v -> "BAKING".equals(v.phase()) && v.bake().baked().toSeconds() > 0);
    api.awaitView(billing, v -> "AWAITING_APPROVAL".equals(v.phase()));
  }

  void signIn() {
    browser.driver.get("http://127.0.0.1:" + api.api.port() + "/");
    browser.shown("#token").sendKeys(api.token.get(Role.OPERATOR));
    browser.click("#signin-button");
    browser.text("#fleet-count", "4 of 4 cutovers");
  }

  List<String> shownPlans() {
    return browser.all(".fleet-table tbody tr").stream().map(r -> r.getAttribute("data-plan")).toList();
  }

  @Test
  void theFleetFiltersByLabelAndPhaseAndKeepsTheFilterInTheAddress() {
    signIn();
    browser.find("#label-filter").sendKeys("team=payments");
    browser.text("#fleet-count", "3 of 4 cutovers");
    assertThat(shownPlans()).containsExactly(billing, checkout, ledger);
    new Select(browser.find("#phase-filter")).selectByValue("AWAITING_APPROVAL");
    browser.text("#fleet-count", "2 of 4 cutovers");
    assertThat(shownPlans()).containsExactly(billing, checkout);
    browser.find("#label-filter").sendKeys(", tier=critical");
    browser.text("#fleet-count", "2 of 4 cutovers");
    assertThat(browser.driver.getCurrentUrl()).endsWith("/?label=team%3Dpayments&label=tier%3Dcritical"
        + "&phase=AWAITING_APPROVAL");

    browser.driver.navigate().refresh();
    browser.text("#fleet-count", "2 of 4 cutovers");
    assertThat(shownPlans()).containsExactly(billing, checkout);
  }

  @Test
  void writesAScreenshotTourOfTheFleetACutoverAndTheRollbackPageOnAPhone() throws Exception {
    signIn();
    browser.text("tr[data-plan='" + ledger + "']", "finished");
    browser.save(TOUR.resolve("fleet.png"));

    browser.click("a[href='/cutovers/" + checkout + "']");
    browser.text(".timeline", "step-completed");
    browser.shown("rect.verdict-inconclusive");
    browser.shown("polyline.series");
    browser.viewport(1280, 2000);
    browser.save(TOUR.resolve("cutover.png"));
    browser.desktop();
    browser.click("button[data-action='approve']");
    browser.text("#confirm-title", "Approve step 3 of 4");
    browser.save(TOUR.resolve("approve-confirmation.png"));
    browser.click("#confirm-cancel");

    browser.phone();
    browser.click("a[href='/rollback']");
    browser.shown("#rollback-all");
    browser.save(TOUR.resolve("rollback-phone.png"));
    browser.click("[data-rollback='" + checkout + "']");
    browser.text("#confirm-title", "Roll back " + checkout);
    browser.save(TOUR.resolve("rollback-phone-confirmation.png"));
    browser.click("#confirm-cancel");

    try (var files = Files.list(TOUR)) {
      assertThat(files.filter(f -> f.toString().endsWith(".png")).map(f -> f.getFileName().toString()))
          .contains("fleet.png", "cutover.png", "approve-confirmation.png", "rollback-phone.png",
              "rollback-phone-confirmation.png");
    }
    assertThat(Files.size(TOUR.resolve("fleet.png"))).isGreaterThan(10_000);
  }
}
