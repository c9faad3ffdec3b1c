package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.domain.CutoverEvent;
import dev.cutover.domain.ExitCode;
import dev.cutover.domain.GateReading;
import dev.cutover.domain.OperatorCommand;
import dev.cutover.domain.Phase;
import dev.cutover.domain.RevertCause;
import dev.cutover.domain.Split;
import dev.cutover.domain.Verdict;
import dev.cutover.engine.Plans;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What people read: every text from a plan, the journal or AWS escaped; operator reverts labelled plainly. */
class ConsoleNotifierTest {
  /** Clears the screen, overwrites the line, and forges a new line that claims success. */
  static final String HOSTILE = "x\u001b[2J\rok\nFORGED finished COMPLETED\u202e";
  static final Instant AT = Instant.parse("2026-03-01T09:00:00Z");

  final ByteArrayOutputStream out = new ByteArrayOutputStream();

  String print(CutoverEvent... events) {
    ConsoleNotifier notifier = new ConsoleNotifier(new PrintStream(out, true, StandardCharsets.UTF_8), false,
        Plans.standard(), "plans/" + HOSTILE + ".yaml");
    for (CutoverEvent e : events) {
      notifier.publish(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** One of every event, with the hostile text in every field that holds text. */
  static List<CutoverEvent> everyEventWithHostileText() {
    String h = HOSTILE;
    List<GateReading> readings = List.of(new GateReading(h, Verdict.BREACHED, h));
    return List.of(
        new CutoverEvent.Started(AT, h, h, h, List.of(5, 50, 100)),
        new CutoverEvent.PreflightPassed(AT, Split.ALL_HEROKU, List.of(h)),
        new CutoverEvent.PreflightFailed(AT, List.of(h, h)),
        new CutoverEvent.Resumed(AT, 0, Split.of(5), h),
        new CutoverEvent.ApprovalRequested(AT, 1, Split.of(50)),
        new CutoverEvent.Approved(AT, 1, h),
        new CutoverEvent.ShiftIntent(AT, 0, Split.ALL_HEROKU, Split.of(5)),
        new CutoverEvent.ChangeSubmitted(AT, h, Split.of(5), h, List.of(h)),
        new CutoverEvent.ChangeSubmitted(AT, h, Split.ALL_HEROKU, "rollback", List.of(h)),
        new CutoverEvent.ChangeInSync(AT, h, Split.of(5)),
        new CutoverEvent.BakeStarted(AT, 0, Split.of(5), Duration.ofMinutes(10)),
        new CutoverEvent.GatesRead(AT, Verdict.BREACHED, readings),
        new CutoverEvent.StepCompleted(AT, 0, Split.of(5), Duration.ofMinutes(10), false),
        new CutoverEvent.OperatorRequest(AT, OperatorCommand.Kind.PAUSE, h, h),
        new CutoverEvent.RevertIntent(AT, RevertCause.GATE, h, h),
        OperatorReverts.rollback(AT, h),
        dev.cutover.engine.OperatorSend.revertIntent(AT, h, dev.cutover.engine.OperatorSend.ABORT_REASON),
        new CutoverEvent.RevertFailed(AT, h),
        new CutoverEvent.ShiftFailed(AT, h),
        new CutoverEvent.Conflict(AT, List.of(h)),
        new CutoverEvent.Drift(AT, List.of(h), true),
        new CutoverEvent.LeaseTakenOver(AT, h, true, h),
        new CutoverEvent.Finished(AT, Phase.ABORTED, ExitCode.OPERATOR_STOPPED.code(), h));
  }

  @Test
  void noTextFromAnEventReachesTheTerminalWithAControlCharacter() {
    for (CutoverEvent e : everyEventWithHostileText()) {
      out.reset();
      String printed = print(e);

      assertThat(printed).as(e.type()).isNotEmpty().doesNotContain("\u001b", "\r", "\u202e");
      assertThat(printed.lines()).as(e.type()).noneMatch(line -> line.startsWith("FORGED"))
          .allMatch(line -> line.startsWith("09:00:00  ") || line.startsWith("          "));
      if (carriesText(e)) {
        assertThat(printed).as(e.type()).contains("\\x1b[2J");
      }
    }
  }

  /** Whether the event has a text field (ShiftIntent, BakeStarted, ... have only numbers and splits). */
  static boolean carriesText(CutoverEvent e) {
    return e instanceof CutoverEvent.ApprovalRequested // it names the plan file
        || java.util.Arrays.stream(e.getClass().getRecordComponents())
            .anyMatch(c -> c.getType() == String.class || c.getType() == List.class);
  }

  @Test
  void aRollbackIsLabelledWithWhoAndTheCommand() {
    String printed = print(OperatorReverts.rollback(AT, "alice"),
        new CutoverEvent.ChangeSubmitted(AT, "C123", Split.ALL_HEROKU, "rollback", List.of("UPSERT a", "UPSERT b")));

    assertThat(printed.lines()).containsExactly(
        "09:00:00  rollback by alice (cutover rollback command): REVERTING to 100% Heroku",
        "09:00:00  rollback change C123 submitted: 2 record changes, every pair to 100% Heroku by UPSERT");
  }

  @Test
  void anAbortIsLabelledWithWhoAndTheCommand() {
    assertThat(print(dev.cutover.engine.OperatorSend.revertIntent(AT, "bob", dev.cutover.engine.OperatorSend.ABORT_REASON)))
        .isEqualTo("09:00:00  abort by bob (cutover abort command): REVERTING to 100% Heroku\n");
  }

  @Test
  void aGateRevertKeepsItsTriggerAndReason() {
    assertThat(print(new CutoverEvent.RevertIntent(AT, RevertCause.GATE, "gate api-5xx", "alarm breached at 50%")))
        .contains("REVERTING to 100% Heroku — trigger: gate api-5xx; alarm breached at 50%");
  }
}
