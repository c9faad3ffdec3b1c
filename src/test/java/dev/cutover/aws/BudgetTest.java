package dev.cutover.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.port.Priority;
import dev.cutover.testkit.ManualScheduler;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The process-wide AWS budget (README, "One account, one budget") on a virtual clock. */
class BudgetTest {
  final ManualScheduler scheduler = ManualScheduler.atNoon();
  final Budget budget = new Budget(scheduler, "Route 53", 5, 5);
  final List<String> order = new ArrayList<>();

  Future<Void> ask(Priority p, String name) {
    return budget.permit(p, Duration.ofMinutes(1)).onSuccess(v -> order.add(name));
  }

  @Test
  void aBurstGoesAtOnceThenCallsArePacedAtTheRate() {
    for (int i = 0; i < 8; i++) {
      ask(Priority.READ, "read-" + i);
    }
    assertThat(order).hasSize(5);
    scheduler.advance(Duration.ofMillis(200));
    assertThat(order).hasSize(6);
    scheduler.advance(Duration.ofMillis(400));
    assertThat(order).hasSize(8);
  }

  @Test
  void aRevertGoesAheadOfEveryWaitingShiftAndRead() {
    for (int i = 0; i < 5; i++) {
      ask(Priority.READ, "burst-" + i); // the bucket is empty now
    }
    ask(Priority.READ, "read-a");
    ask(Priority.SHIFT, "shift");
    ask(Priority.READ, "read-b");
    ask(Priority.REVERT, "revert");
    scheduler.advance(Duration.ofMillis(200));
    assertThat(order).last().isEqualTo("revert");
    scheduler.advance(Duration.ofMillis(600));
    assertThat(order.subList(5, order.size())).containsExactly("revert", "shift", "read-a", "read-b");
    assertThat(budget.granted(Priority.REVERT)).isEqualTo(1);
  }

  @Test
  void aCallThatGetsNoPermitInTimeFailsNamingTheBudget() {
    for (int i = 0; i < 5; i++) {
      ask(Priority.READ, "burst-" + i);
    }
    Future<Void> late = budget.permit(Priority.READ, Duration.ofMillis(100));
    scheduler.advance(Duration.ofMillis(150));
    assertThat(late.failed()).isTrue();
    assertThat(late.cause()).hasMessageContaining("no Route 53 request permit within 100 ms");
    assertThat(budget.waiting()).isZero();
  }
}
