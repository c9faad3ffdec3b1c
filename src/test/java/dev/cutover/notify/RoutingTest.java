package dev.cutover.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.domain.NoticeKind;
import dev.cutover.domain.NotifyPolicy;
import dev.cutover.domain.NotifySettings;
import dev.cutover.domain.Secret;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoutingTest {
  static final NotifySettings.Sink RELEASES = sink("releases", EnumSet.allOf(NoticeKind.class), true);
  static final NotifySettings.Sink PAYMENTS = sink("payments", Set.of(NoticeKind.REVERTED), false);

  static NotifySettings.Sink sink(String name, Set<NoticeKind> events, boolean allPlans) {
    return new NotifySettings.Sink(name, new NotifySettings.Slack(new Secret("https://x.example/" + name, "$X")),
        events, allPlans);
  }

  @Test
  void aSinkForAllPlansHearsItsOwnEventsFromAPlanThatDoesNotNameIt() {
    assertThat(Routing.hears(RELEASES, NotifyPolicy.NONE, NoticeKind.STEP_COMPLETED)).isTrue();
    assertThat(Routing.hears(PAYMENTS, NotifyPolicy.NONE, NoticeKind.REVERTED)).as("named plans only").isFalse();
  }

  @Test
  void aPlanThatNamesASinkChoosesItsEvents() {
    NotifyPolicy policy = new NotifyPolicy(List.of(
        new NotifyPolicy.Route("releases", Set.of(NoticeKind.COMPLETED)),
        new NotifyPolicy.Route("payments", Set.of())));

    assertThat(Routing.hears(RELEASES, policy, NoticeKind.STEP_COMPLETED)).isFalse();
    assertThat(Routing.hears(RELEASES, policy, NoticeKind.COMPLETED)).isTrue();
    assertThat(Routing.hears(PAYMENTS, policy, NoticeKind.REVERTED)).as("the sink's own events").isTrue();
    assertThat(Routing.hears(PAYMENTS, policy, NoticeKind.STARTED)).isFalse();
  }

  @Test
  void namesTheSinksAPlanWantsThatAreNotDefined() {
    NotifySettings settings = new NotifySettings(Optional.empty(), NotifySettings.Delivery.DEFAULTS,
        List.of(RELEASES, PAYMENTS));
    NotifyPolicy policy = new NotifyPolicy(List.of(new NotifyPolicy.Route("releases", Set.of()),
        new NotifyPolicy.Route("oncall", Set.of())));
    assertThat(Routing.unknownSinks(settings, policy)).containsExactly("oncall");
  }
}
