package dev.cutover.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.domain.CutoverEvent;
import dev.cutover.domain.Verdict;
import dev.cutover.port.Role;
import dev.cutover.sandbox.cloudwatch.StateValue;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

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

  @Test
  void writesAScreenshotTourOfTheFleetACutoverAndTheRollbackPageOnAPhone() throws Exception {
    String checkout = api.submit("checkout-api", """
          - { split: 5, bake: 2m }
          - { split: 25, bake: 1m }
          - { split: 50, bake: 30m, approval: true }
          - { split: 100, bake: 1h }
        """, "{ team: payments, tier: critical }");
    api.awaitView(checkout, v -> "BAKING".equals(v.phase()) && v.split() != null && v.split().percent() == 5);
    api.alarm(checkout, StateValue.INSUFFICIENT_DATA);
    api.awaitEvent(checkout, CutoverEvent.GatesRead.class, g -> g.overall() == Verdict.INCONCLUSIVE);
    api.alarm(checkout, StateValue.OK);
    String search = api.submit("search", """
          - { split: 10, bake: 2h }
          - { split: 100, bake: 1h }
        """, "{ team: discovery, tier: standard }");
    String billing = api.submit("billing", """
          - { split: 5, bake: 1h, approval: true }
          - { split: 100, bake: 1h }
        """, "{ team: payments, tier: critical }");
    String ledger = api.submit("ledger", """
          - { split: 5, bake: 1h }
          - { split: 100, bake: 1h }
        """, "{ team: payments, tier: standard }");
    api.awaitView(ledger, v -> "BAKING".equals(v.phase()));
    api.alarm(ledger, StateValue.ALARM);
    api.awaitView(ledger, v -> "ROLLED_BACK".equals(v.phase()));
    api.awaitView(checkout, v -> "AWAITING_APPROVAL".equals(v.phase()));
    api.awaitView(search, v -> "BAKING".equals(v.phase()) && v.bake().baked().toSeconds() > 0);
    api.awaitView(billing, v -> "AWAITING_APPROVAL".equals(v.phase()));

    browser.driver.get("http://127.0.0.1:" + api.api.port() + "/");
    browser.shown("#token").sendKeys(api.token.get(Role.OPERATOR));
    browser.find("#signin-button").click();
    browser.text("#fleet-count", "4 of 4 cutovers");
    browser.text("tr[data-plan='" + ledger + "']", "finished");
    browser.save(TOUR.resolve("fleet.png"));

    browser.find("a[href='/cutovers/" + checkout + "']").click();
    browser.text(".timeline", "step-completed");
    browser.shown("rect.verdict-inconclusive");
    browser.shown("polyline.series");
    browser.viewport(1280, 2000);
    browser.save(TOUR.resolve("cutover.png"));
    browser.desktop();
    browser.shown("button[data-action='approve']").click();
    browser.text("#confirm-title", "Approve step 3 of 4");
    browser.save(TOUR.resolve("approve-confirmation.png"));
    browser.find("#confirm-cancel").click();

    browser.phone();
    browser.find("a[href='/rollback']").click();
    browser.shown("#rollback-all");
    browser.save(TOUR.resolve("rollback-phone.png"));
    browser.find("[data-rollback='" + checkout + "']").click();
    browser.text("#confirm-title", "Roll back " + checkout);
    browser.save(TOUR.resolve("rollback-phone-confirmation.png"));
    browser.find("#confirm-cancel").click();

    try (var files = Files.list(TOUR)) {
      assertThat(files.filter(f -> f.toString().endsWith(".png")).map(f -> f.getFileName().toString()))
          .contains("fleet.png", "cutover.png", "approve-confirmation.png", "rollback-phone.png",
              "rollback-phone-confirmation.png");
    }
    assertThat(Files.size(TOUR.resolve("fleet.png"))).isGreaterThan(10_000);
  }
}
