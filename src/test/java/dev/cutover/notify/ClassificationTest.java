package dev.cutover.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.domain.CutoverEvent;
import dev.cutover.domain.NoticeKind;
import dev.cutover.domain.OperatorCommand;
import dev.cutover.domain.Phase;
import dev.cutover.domain.RevertCause;
import dev.cutover.domain.Split;
import dev.cutover.domain.Verdict;
import dev.cutover.notify.Classification.Pager;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The mapping of docs/notifications.md, event by event: a new event type fails here until it is decided. */
class ClassificationTest {
  static final Instant T = Instant.parse("2026-11-21T12:00:00Z");

  private static Map<CutoverEvent, Optional<Classification>> table() {
    Map<CutoverEvent, Optional<Classification>> t = new LinkedHashMap<>();
    t.put(new CutoverEvent.Started(T, "c", "p", "me", List.of(5, 100)), is(NoticeKind.STARTED, Pager.NONE));
    t.put(new CutoverEvent.Resumed(T, 1, Split.of(50), "restart"), is(NoticeKind.STARTED, Pager.NONE));
    t.put(new CutoverEvent.ApprovalRequested(T, 1, Split.of(50)), is(NoticeKind.APPROVAL_NEEDED, Pager.NONE));
    t.put(new CutoverEvent.StepCompleted(T, 0, Split.of(5), Duration.ofMinutes(10), false),
        is(NoticeKind.STEP_COMPLETED, Pager.NONE));
    t.put(new CutoverEvent.RevertIntent(T, RevertCause.GATE, "gate a", "breached"),
        is(NoticeKind.REVERTED, Pager.TRIGGER_CRITICAL));
    t.put(new CutoverEvent.RevertFailed(T, "throttled"), is(NoticeKind.FAILED, Pager.TRIGGER_CRITICAL));
    t.put(new CutoverEvent.PreflightFailed(T, List.of("no alarm")), is(NoticeKind.FAILED, Pager.NONE));
    t.put(new CutoverEvent.Finished(T, Phase.COMPLETED, 0, "done"), is(NoticeKind.COMPLETED, Pager.RESOLVE));
    t.put(new CutoverEvent.Finished(T, Phase.ROLLED_BACK, 4, "gate"), is(NoticeKind.REVERTED, Pager.RESOLVE));
    t.put(new CutoverEvent.Finished(T, Phase.CONFLICT, 6, "drift"), is(NoticeKind.FAILED, Pager.TRIGGER_ERROR));
    // for people and pipelines on the console and the event stream, not for chat or pager
    t.put(new CutoverEvent.PreflightPassed(T, Split.ALL_HEROKU, List.of()), Optional.empty());
    t.put(new CutoverEvent.Approved(T, 1, "bob"), Optional.empty());
    t.put(new CutoverEvent.ShiftIntent(T, 1, Split.of(5), Split.of(50)), Optional.empty());
    t.put(new CutoverEvent.ChangeSubmitted(T, "C1", Split.of(50), "step", List.of()), Optional.empty());
    t.put(new CutoverEvent.ChangeInSync(T, "C1", Split.of(50)), Optional.empty());
    t.put(new CutoverEvent.BakeStarted(T, 1, Split.of(50), Duration.ofMinutes(30)), Optional.empty());
    t.put(new CutoverEvent.GatesRead(T, Verdict.BREACHED, List.of()), Optional.empty());
    t.put(new CutoverEvent.OperatorRequest(T, OperatorCommand.Kind.PAUSE, "bob", "paused"), Optional.empty());
    t.put(new CutoverEvent.ShiftFailed(T, "boom"), Optional.empty()); // its RevertIntent(FAULT) says it
    t.put(new CutoverEvent.Conflict(T, List.of("x")), Optional.empty()); // its Finished(CONFLICT) says it
    t.put(new CutoverEvent.Drift(T, List.of("x"), false), Optional.empty()); // likewise
    t.put(new CutoverEvent.LeaseTakenOver(T, "host-a", false, "host-b"), Optional.empty());
    // the last step's step-completed says the soak begins; its Finished(COMPLETED) says it passed
    t.put(new CutoverEvent.SoakStarted(T, Duration.ofHours(48)), Optional.empty());
    t.put(new CutoverEvent.SoakProgress(T, Duration.ofHours(1), Duration.ofHours(48)), Optional.empty());
    return t;
  }

  private static Optional<Classification> is(NoticeKind kind, Pager pager) {
    return Optional.of(new Classification(kind, pager));
  }

  @Test
  void classifiesEveryEventTypeAsDocumented() {
    Map<CutoverEvent, Optional<Classification>> table = table();
    table.forEach((event, expected) -> assertThat(Classification.of(event)).as(event.type()).isEqualTo(expected));
    java.util.Set<Class<?>> decided = new java.util.HashSet<>();
    table.keySet().forEach(e -> decided.add(e.getClass()));
    assertThat(decided).as("every event type is decided")
        .containsAll(Arrays.asList(CutoverEvent.class.getPermittedSubclasses()));
  }

  @Test
  void anOperatorsRevertIsNewsButPagesNobody() {
    assertThat(Classification.of(new CutoverEvent.RevertIntent(T, RevertCause.OPERATOR, "operator bob", "abort")))
        .contains(new Classification(NoticeKind.REVERTED, Pager.NONE));
    assertThat(Classification.of(new CutoverEvent.RevertIntent(T, RevertCause.FAULT, "aws", "5xx")))
        .contains(new Classification(NoticeKind.REVERTED, Pager.TRIGGER_CRITICAL));
  }

  @Test
  void aConfirmedRevertResolvesWhateverItsCause() {
    for (Phase end : List.of(Phase.ROLLED_BACK, Phase.ABORTED, Phase.FAILED, Phase.COMPLETED)) {
      assertThat(Classification.of(new CutoverEvent.Finished(T, end, end.exitCode().code(), "why")))
          .as(end.name()).hasValueSatisfying(c -> assertThat(c.pager()).isEqualTo(Pager.RESOLVE));
    }
  }
}
