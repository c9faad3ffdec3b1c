package dev.cutover.plan;

import static dev.cutover.plan.PlanFixtures.VALID;
import static dev.cutover.plan.PlanFixtures.load;
import static dev.cutover.plan.PlanFixtures.onlyError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.domain.NoticeKind;
import dev.cutover.domain.NotifyPolicy;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A plan's {@code notify:} key names the server's sinks and the events it sends them; never a secret. */
class NotifyRulesTest {

  @Test
  void planWithoutNotifyHasNoRoutes() {
    assertThat(load(VALID).plan().orElseThrow().notifications()).isEqualTo(NotifyPolicy.NONE);
  }

  @Test
  void readsSinkNamesWithTheirEventsOrTheSinksOwn() {
    PlanLoad load = load(VALID + """
        notify:
          - oncall
          - { sink: payments-slack, events: [approval-needed, Reverted, completed] }
        """);

    assertThat(load.problems()).isEmpty();
    NotifyPolicy policy = load.plan().orElseThrow().notifications();
    assertThat(policy.route("oncall")).hasValueSatisfying(r -> assertThat(r.events()).isEmpty());
    assertThat(policy.route("payments-slack")).hasValueSatisfying(r -> assertThat(r.events())
        .isEqualTo(Set.of(NoticeKind.APPROVAL_NEEDED, NoticeKind.REVERTED, NoticeKind.COMPLETED)));
  }

  @Test
  void refusesAWebhookUrlInThePlanWithoutRepeatingIt() {
    String url = "https://hooks.slack.com/services/T000/B000/XXXXSECRET";
    PlanProblem p = onlyError(load(VALID + "notify:\n  - { sink: releases, url: " + url + " }\n"),
        "notify[0].url", "does not belong in a plan", "secrets");
    assertThat(p.fix()).contains("--notify file", "urlEnv");
    assertThat(p.message() + p.fix()).doesNotContain("XXXXSECRET");

    PlanProblem named = onlyError(load(VALID + "notify: [" + url + "]\n"), "notify[0]", "a URL is not a sink name");
    assertThat(named.message() + named.fix()).doesNotContain("XXXXSECRET");
  }

  @Test
  void refusesEveryKeyThatCouldHoldASecret() {
    for (String key : new String[] {"urlEnv", "routingKey", "secretFile", "token"}) {
      onlyError(load(VALID + "notify:\n  - { sink: releases, " + key + ": X }\n"), "notify[0]." + key,
          "does not belong in a plan");
    }
  }

  @Test
  void suggestsTheClosestEventForATypo() {
    PlanProblem p = onlyError(load(VALID + "notify:\n  - { sink: releases, events: [reverted, complete] }\n"),
        "notify[0].events[1]", "`complete` is not an event to notify on");
    assertThat(p.fix()).isEqualTo("did you mean `completed`?");
  }

  @Test
  void refusesDuplicatesAndEmptyEvents() {
    onlyError(load(VALID + "notify: [releases, releases]\n"), "notify[1]",
        "sink `releases` is named twice (also notify[0])");
    onlyError(load(VALID + "notify:\n  - { sink: releases, events: [failed, failed] }\n"), "notify[0].events[1]",
        "`failed` is listed twice");
    onlyError(load(VALID + "notify:\n  - { sink: releases, events: [] }\n"), "notify[0].events", "is empty");
  }

  @Test
  void refusesAMappingInsteadOfAList() {
    onlyError(load(VALID + "notify: { sink: releases }\n"), "notify", "expected a list of sinks");
    onlyError(load(VALID + "notify:\n  - { events: [failed] }\n"), "notify[0].sink", "`sink` is missing");
    onlyError(load(VALID + "notify: [Releases_Slack]\n"), "notify[0]", "sink name `Releases_Slack`");
  }
}
