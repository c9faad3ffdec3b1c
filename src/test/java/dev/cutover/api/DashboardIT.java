package dev.cutover.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.domain.CutoverEvent;
import dev.cutover.port.Role;
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
    browser.find("#signin-button").click();
    browser.text("#who-role", role.label());
  }

  WebElement row(String plan) {
    return browser.shown("tr[data-plan='" + plan + "']");
  }

  String phaseOf(String plan) {
    return row(plan).findElement(By.cssSelector("[data-phase]")).getAttribute("data-phase");
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
}
