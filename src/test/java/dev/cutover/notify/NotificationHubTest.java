package dev.cutover.notify;

import static dev.cutover.notify.Events.BAKE_50;
import static dev.cutover.notify.Events.BREACHED;
import static dev.cutover.notify.Events.REVERT;
import static dev.cutover.notify.Events.ROLLED_BACK;
import static dev.cutover.notify.Events.SHIFT_50;
import static dev.cutover.notify.Events.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.domain.CutoverEvent;
import dev.cutover.domain.NoticeKind;
import dev.cutover.domain.NotifyPolicy;
import dev.cutover.domain.NotifySettings;
import dev.cutover.domain.Plan;
import dev.cutover.domain.Secret;
import dev.cutover.domain.Split;
import dev.cutover.port.NotificationCounts;
import dev.cutover.testkit.ManualScheduler;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Events in, one notice per sink that hears it out; publishing never blocks and never throws. */
class NotificationHubTest {
  static final ObjectMapper JSON = new ObjectMapper();
  final ManualScheduler scheduler = ManualScheduler.atNoon();
  final FakeTransport transport = new FakeTransport(scheduler);

  static NotifySettings settings(NotifySettings.Sink... sinks) {
    return new NotifySettings(Optional.of(URI.create("https://cutover.example.com")),
        NotifySettings.Delivery.DEFAULTS, List.of(sinks));
  }

  static final NotifySettings.Sink SLACK = new NotifySettings.Sink("releases", new NotifySettings.Slack(
      new Secret("https://slack.example/hook", "$S")), EnumSet.allOf(NoticeKind.class), true);
  static final NotifySettings.Sink PAGER = new NotifySettings.Sink("oncall", new NotifySettings.PagerDuty(
      URI.create("https://pagerduty.example/v2/enqueue"), new Secret("R0UTING", "$R")),
      EnumSet.of(NoticeKind.REVERTED, NoticeKind.FAILED, NoticeKind.COMPLETED), true);

  private List<String> sentTo(String host) {
    return transport.sent.stream().filter(s -> s.request().url().getHost().equals(host))
        .map(s -> s.request().body()).toList();
  }

  @Test
  void aRevertReachesChatWithItsContextAndOpensThenResolvesThePlansAlert() throws Exception {
    NotificationHub hub = NotifyWiring.start(transport, scheduler, settings(SLACK, PAGER));

    for (CutoverEvent e : List.of(STARTED, SHIFT_50, BAKE_50, BREACHED, REVERT, ROLLED_BACK)) {
      hub.publish(Events.PLAN, e);
    }
    assertThat(transport.sent).as("nothing sent on the publisher's thread").isEmpty();
    scheduler.advance(Duration.ofSeconds(1));

    List<String> chat = sentTo("slack.example").stream().map(b -> {
      try {
        return JSON.readTree(b).path("text").asText();
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }).toList();
    assertThat(chat).hasSize(3);
    assertThat(chat.get(0)).contains("cutover started by alice");
    assertThat(chat.get(1)).contains("REVERTING", "*Step:* 2/3 (50% on AWS)", "*Verdict:* BREACHED: api-5xx");
    assertThat(chat.get(2)).contains("ROLLED BACK by a gate");
    List<String> pages = sentTo("pagerduty.example");
    assertThat(pages).extracting(b -> JSON.readTree(b).path("event_action").asText())
        .containsExactly("trigger", "resolve");
    assertThat(pages).extracting(b -> JSON.readTree(b).path("dedup_key").asText()).containsOnly("cutover/api-prod");
    assertThat(hub.perSink()).extracting(NotificationCounts.Sink::name, NotificationCounts.Sink::sent)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("releases", 3L),
            org.assertj.core.groups.Tuple.tuple("oncall", 2L));
  }

  @Test
  void aPlanChoosesItsSinksAndEvents() {
    NotifySettings.Sink payments = new NotifySettings.Sink("payments", new NotifySettings.Slack(
        new Secret("https://payments.example/hook", "$P")), EnumSet.allOf(NoticeKind.class), false);
    NotificationHub hub = NotifyWiring.start(transport, scheduler, settings(SLACK, payments));
    Plan plan = withNotify(Events.PLAN, new NotifyPolicy(List.of(
        new NotifyPolicy.Route("payments", Set.of(NoticeKind.APPROVAL_NEEDED)),
        new NotifyPolicy.Route("releases", Set.of(NoticeKind.COMPLETED)))));

    hub.publish(plan, STARTED);
    hub.publish(plan, new CutoverEvent.ApprovalRequested(Events.at(5), 1, Split.of(50)));
    hub.publish(Events.PLAN, STARTED); // another plan naming nothing: releases hears all, payments nothing
    scheduler.advance(Duration.ofSeconds(1));

    assertThat(sentTo("payments.example")).singleElement().asString().contains("waits for approval");
    assertThat(sentTo("slack.example")).singleElement().asString().contains("started");
  }

  @Test
  void namesTheSinksAPlanWantsThatAreNotDefined() {
    NotificationHub hub = NotifyWiring.start(transport, scheduler, settings(SLACK));
    Plan plan = withNotify(Events.PLAN, new NotifyPolicy(List.of(new NotifyPolicy.Route("oncall", Set.of()))));

    assertThat(hub.problems(plan)).singleElement().asString().contains("`oncall`", "[releases]");
    assertThat(hub.problems(Events.PLAN)).isEmpty();
  }

  @Test
  void aFailingSinkNeverMakesPublishThrow() {
    NotifySettings.Sink broken = new NotifySettings.Sink("broken", new NotifySettings.Slack(
        new Secret("not a url at all", "$B")), EnumSet.allOf(NoticeKind.class), true);
    NotificationHub hub = NotifyWiring.start(transport, scheduler, settings(broken, SLACK));

    hub.publish(Events.PLAN, STARTED);
    scheduler.advance(Duration.ofSeconds(1));

    assertThat(hub.perSink()).extracting(NotificationCounts.Sink::failed).containsExactly(1L, 0L);
    assertThat(sentTo("slack.example")).hasSize(1);
  }

  @Test
  void closeCompletesOnceEverySinkIsDrained() {
    NotificationHub hub = NotifyWiring.start(transport, scheduler, settings(SLACK, PAGER));
    transport.then(503);
    hub.publish(Events.PLAN, STARTED);

    var closed = hub.close();
    scheduler.advance(Duration.ofSeconds(2));

    assertThat(closed.succeeded()).isTrue();
    assertThat(hub.perSink().get(0).sent()).isEqualTo(1);
  }

  static Plan withNotify(Plan p, NotifyPolicy policy) {
    return new Plan(p.name(), p.zone(), p.records(), p.steps(), p.gates(), p.maxTtl(), p.settle(), p.faults(),
        p.labels(), p.lifecycle(), policy);
  }
}
