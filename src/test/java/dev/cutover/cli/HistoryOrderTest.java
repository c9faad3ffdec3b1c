package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.domain.CutoverEvent;
import dev.cutover.domain.Split;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** `history` shows the journal by time, whatever order the appends came in. */
class HistoryOrderTest {
  static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");

  @Test
  void ordersEventsByTimeKeepingTheJournalOrderOfSimultaneousOnes() {
    // a controller on a compressed (rehearsal) clock journals ahead of a rollback journalled on the wall clock
    CutoverEvent shift = new CutoverEvent.ShiftIntent(T0.plusSeconds(600), 0, Split.ALL_HEROKU, Split.of(5));
    CutoverEvent rollback = OperatorReverts.rollback(T0.plusSeconds(60), "alice");
    CutoverEvent change = new CutoverEvent.ChangeSubmitted(T0.plusSeconds(60), "C1", Split.ALL_HEROKU, "rollback",
        List.of());
    CutoverEvent started = new CutoverEvent.Started(T0, "api-prod-1", "api-prod", "bob", List.of(5, 50, 100));

    assertThat(dev.cutover.engine.PlanHistory.inTimeOrder(List.of(started, shift, rollback, change)))
        .containsExactly(started, rollback, change, shift);
  }
}
