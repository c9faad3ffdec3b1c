package dev.cutover.notify;

import static dev.cutover.notify.Events.BAKE_50;
import static dev.cutover.notify.Events.PLAN;
import static dev.cutover.notify.Events.ROLLED_BACK;
import static dev.cutover.notify.Events.SHIFT_50;
import static dev.cutover.notify.Events.STARTED;
import static dev.cutover.notify.Events.notice;
import static dev.cutover.notify.Events.revert;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.domain.CutoverEvent;
import dev.cutover.domain.NotifySettings;
import dev.cutover.domain.Secret;
import dev.cutover.domain.Split;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What each sink sends: the plan, the step, the verdict, the reason and the dashboard link. */
class MessagesTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Instant NOW = Instant.parse("2026-11-21T12:05:00Z");

  @Test
  void slackMessageCarriesPlanStepVerdictReasonAndLink() {
    String text = SlackMessage.text(revert());

    assertThat(text).isEqualTo("""
        :rotating_light: *api-prod* REVERTING to 100% Heroku: a gate tripped
        *Step:* 2/3 (50% on AWS)
        *Verdict:* BREACHED: api-5xx BREACHED (ALARM: 5xx &gt; 10 for 1 datapoint)
        *Reason:* alarm breached at 50%: api-5xx &lt;ALARM&gt; &amp; more (trigger: gate api-5xx)
        <https://cutover.example.com/cutovers/api-prod|Open api-prod in the dashboard>""");
  }

  @Test
  void slackBodyIsJsonWithTheText() throws Exception {
    Request r = new SlackMessage(new NotifySettings.Slack(new Secret("https://hooks.slack.com/services/T/B/X",
        "$S"))).request(revert(), NOW);
    assertThat(JSON.readTree(r.body()).path("text").asText()).isEqualTo(SlackMessage.text(revert()));
    assertThat(r.headers()).containsEntry("Content-Type", "application/json");
    assertThat(r.toString()).doesNotContain("hooks.slack.com");
  }

  @Test
  void messagesWithoutAPublicUrlHaveNoLink() {
    Notice n = revert();
    Notice unlinked = new Notice(n.id(), n.plan(), n.event(), n.classification(), n.context(), Optional.empty());
    assertThat(SlackMessage.text(unlinked)).doesNotContain("dashboard");
  }

  @Test
  void approvalNeededSaysWhichStepAndHowToApprove() {
    String text = SlackMessage.text(notice(STARTED, new CutoverEvent.ApprovalRequested(Events.at(30), 1,
        Split.of(50))));
    assertThat(text).startsWith(":raising_hand: *api-prod* step 2/3 (50% on AWS) waits for approval")
        .contains("*Step:* none yet (0% on AWS)", "*Verdict:* no gate reading yet", "`cutover resume`");
  }

  @Test
  void aBakeReadsInWholeSeconds() {
    String text = SlackMessage.text(notice(STARTED, new CutoverEvent.StepCompleted(Events.at(40), 0, Split.of(5),
        java.time.Duration.ofMillis(32_371), false)));
    assertThat(text).startsWith(":white_check_mark: *api-prod* step 1/3 (5% on AWS) baked healthy for 32s\n");
  }

  @Test
  void webhookBodyIsTheNoticeWithTheEvent() throws Exception {
    JsonNode body = JSON.readTree(WebhookMessage.body(revert()));

    assertThat(body.path("plan").asText()).isEqualTo("api-prod");
    assertThat(body.path("kind").asText()).isEqualTo("reverted");
    assertThat(body.path("type").asText()).isEqualTo("revert-intent");
    assertThat(body.path("step").asInt()).isEqualTo(2);
    assertThat(body.path("steps").asInt()).isEqualTo(3);
    assertThat(body.path("split").asInt()).isEqualTo(50);
    assertThat(body.path("verdict").asText()).isEqualTo("BREACHED");
    assertThat(body.path("cutover").asText()).isEqualTo("c-1");
    assertThat(body.path("link").asText()).isEqualTo("https://cutover.example.com/cutovers/api-prod");
    assertThat(body.path("event").path("trigger").asText()).isEqualTo("gate api-5xx");
    assertThat(body.path("id").asText()).isEqualTo("n-1");
  }

  @Test
  void webhookRequestIsSignedOverTimestampAndBody() {
    String key = "0123456789abcdef0123456789abcdef";
    Request r = new WebhookMessage(new NotifySettings.Webhook(new Secret("https://hooks.example.com/in", "$U"),
        new Secret(key, "$K"))).request(revert(), NOW);

    assertThat(r.headers()).containsEntry(Signature.TIMESTAMP, Long.toString(NOW.getEpochSecond()))
        .containsEntry(WebhookMessage.DELIVERY, "n-1");
    assertThat(Signature.verify(key, r.headers().get(Signature.TIMESTAMP), r.headers().get(Signature.HEADER),
        r.body(), NOW.plusSeconds(10), java.time.Duration.ofMinutes(5))).isTrue();
  }

  /**
   * PagerDuty Events API v2, "Send an Alert Event" (developer.pagerduty.com, events-API-v2/02-Trigger-Events):
   * routing_key, event_action trigger|acknowledge|resolve, dedup_key (at most 255 characters), and for a trigger
   * payload.summary (at most 1024), payload.source, payload.severity (critical|error|warning|info), with the
   * optional timestamp, component, group, class, custom_details, links and client_url.
   */
  @Test
  void pagerDutyTriggerHasTheEventsApiV2Shape() throws Exception {
    JsonNode body = JSON.readTree(PagerDutyMessage.body(revert(), "R0UTING"));

    assertThat(body.path("routing_key").asText()).isEqualTo("R0UTING");
    assertThat(body.path("event_action").asText()).isEqualTo("trigger");
    assertThat(body.path("dedup_key").asText()).isEqualTo("cutover/api-prod").hasSizeLessThanOrEqualTo(255);
    JsonNode payload = body.path("payload");
    assertThat(payload.path("summary").asText()).startsWith("api-prod: REVERTING to 100% Heroku: a gate tripped —")
        .hasSizeLessThanOrEqualTo(PagerDutyMessage.MAX_SUMMARY);
    assertThat(payload.path("source").asText()).isEqualTo("api.example.com");
    assertThat(payload.path("severity").asText()).isEqualTo("critical");
    assertThat(payload.path("timestamp").asText()).isEqualTo("2026-11-21T12:01:20Z");
    assertThat(payload.path("class").asText()).isEqualTo("revert-intent");
    assertThat(payload.path("custom_details").path("step").asText()).isEqualTo("2/3 (50% on AWS)");
    assertThat(body.path("links").get(0).path("href").asText())
        .isEqualTo("https://cutover.example.com/cutovers/api-prod");
  }

  @Test
  void pagerDutyResolveClosesThePlansAlertByItsDedupKey() throws Exception {
    JsonNode body = JSON.readTree(PagerDutyMessage.body(notice(STARTED, SHIFT_50, BAKE_50, ROLLED_BACK), "R0UTING"));

    assertThat(body.path("event_action").asText()).isEqualTo("resolve");
    assertThat(body.path("dedup_key").asText()).isEqualTo("cutover/api-prod");
    assertThat(body.has("payload")).as("a resolve needs no payload").isFalse();
  }

  @Test
  void pagerDutyHearsOnlyWhatOpensOrResolvesAnAlert() {
    PagerDutyMessage pd = new PagerDutyMessage(new NotifySettings.PagerDuty(URI.create("https://pd.example"),
        new Secret("R", "$R")));
    assertThat(pd.accepts(revert())).isTrue();
    assertThat(pd.accepts(notice(STARTED))).isFalse();
  }

  @Test
  void pagerDutySummaryIsCutAt1024Characters() throws Exception {
    CutoverEvent longReason = new CutoverEvent.RevertFailed(Events.at(5), "x".repeat(5000));
    JsonNode body = JSON.readTree(PagerDutyMessage.body(notice(STARTED, longReason), "R"));
    assertThat(body.path("payload").path("summary").asText()).hasSizeLessThanOrEqualTo(1024).endsWith("…");
    assertThat(PLAN.name()).isEqualTo("api-prod");
  }
}
