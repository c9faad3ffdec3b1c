package dev.cutover.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.domain.Plan;
import dev.cutover.port.DnsWeights;
import dev.cutover.port.PlanStore;
import dev.cutover.port.Signals;
import dev.cutover.testkit.ManualScheduler;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What the supervisor refuses before any cutover is wired: no AWS, no store, no Vert.x needed. */
class SupervisorTest {
  /** Ports that must not be asked for: a refused cutover is never wired. */
  static final Supervisor.Wiring NEVER = new Supervisor.Wiring() {
    @Override
    public DnsWeights dns(Plan plan) {
      throw new AssertionError("wired a cutover of " + plan.name());
    }

    @Override
    public Signals signals(Plan plan) {
      throw new AssertionError("wired a cutover of " + plan.name());
    }

    @Override
    public PlanStore store(String planName) {
      throw new AssertionError("wired a cutover of " + planName);
    }
  };

  @Test
  void afterHaltAllNoCutoverStartsSoNoneOutlivesTheStopWithItsLeaseHeld() {
    Supervisor supervisor = new Supervisor(null, new ManualScheduler(Instant.parse("2026-11-21T10:00:00Z")), NEVER);

    assertThat(supervisor.haltAll("the server stopped").succeeded()).isTrue();

    // a takeover scan that was under way when the server began to stop
    assertThatThrownBy(() -> supervisor.submit(Plans.standard(), new Supervisor.Start("serve b", false, false, true)))
        .isInstanceOf(SupervisorException.class).hasMessageContaining("not started: the server stopped");
    assertThat(supervisor.entries()).isEmpty();
  }
}
