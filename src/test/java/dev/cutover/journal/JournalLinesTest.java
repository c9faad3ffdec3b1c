package dev.cutover.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.domain.CutoverEvent;
import dev.cutover.domain.Phase;
import dev.cutover.domain.RevertCause;
import dev.cutover.domain.Split;
import dev.cutover.engine.EventJson;
import dev.cutover.port.JournalDamagedException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The journal's line format: every line names its plan and cutover; a line that does not fit is refused. */
class JournalLinesTest {
  static final Instant T = Instant.parse("2026-11-21T10:00:00Z");
  final JournalLines lines = new JournalLines("api-prod", "journal.jsonl", where -> List.of("delete " + where));
  int next = 1;

  static CutoverEvent.Started started(String id, String plan) {
    return new CutoverEvent.Started(T, id, plan, "alice", List.of(5, 50, 100));
  }

  static final CutoverEvent INTENT = new CutoverEvent.ShiftIntent(T, 0, Split.ALL_HEROKU, Split.of(5));
  static final CutoverEvent FINISHED = new CutoverEvent.Finished(T, Phase.COMPLETED, 0, "done");

  /** Writes {@code e} as the next line (as the journal does) and reads it back. */
  String write(CutoverEvent e) {
    String line = lines.line(e);
    lines.accept("line " + next++, line);
    return line;
  }

  CutoverEvent read(String text) {
    return lines.accept("line " + next++, text);
  }

  @Test
  void everyLineNamesItsPlanAndTheCutoverOfTheLastStartedLineAfterItsType() {
    String before = write(new CutoverEvent.RevertIntent(T, RevertCause.OPERATOR, "bob", "rollback"));
    String start = write(started("c-1", "api-prod"));
    String intent = write(INTENT);

    assertThat(before).startsWith("{\"type\":\"revert-intent\",\"plan\":\"api-prod\",\"cutover\":null,");
    assertThat(start).startsWith("{\"type\":\"started\",\"plan\":\"api-prod\",\"cutover\":\"c-1\",");
    assertThat(intent).startsWith("{\"type\":\"shift-intent\",\"plan\":\"api-prod\",\"cutover\":\"c-1\",");
    assertThat(lines.events()).hasSize(3).last().isEqualTo(INTENT);
    assertThat(lines.current()).isEqualTo("c-1");
  }

  @Test
  void refusesALineOfAnotherPlanNamingTheLineAndThePlan() {
    write(started("c-1", "api-prod"));
    JournalLines other = new JournalLines("web-prod", "other.jsonl", w -> List.of());
    other.accept("line 1", other.line(started("w-1", "web-prod")));
    String foreign = other.line(INTENT);

    assertThatThrownBy(() -> read(foreign)).isInstanceOfSatisfying(JournalDamagedException.class, d -> {
      assertThat(d.location()).isEqualTo("line 2");
      assertThat(d.problem()).contains("belongs to plan \"web-prod\", not \"api-prod\"");
      assertThat(d.getMessage()).contains("journal.jsonl line 2").contains("To repair")
          .contains("\n    - delete line 2");
      assertThat(d.readable()).containsExactly(started("c-1", "api-prod"));
    });
    assertThat(lines.events()).as("nothing adopted").hasSize(1);
  }

  @Test
  void refusesAForeignStartedLineEvenInTheOldFormat() {
    String legacy = EventJson.toJson(started("w-1", "web-prod"));

    assertThatThrownBy(() -> read(legacy)).isInstanceOfSatisfying(JournalDamagedException.class,
        d -> assertThat(d.problem()).contains("starts cutover w-1 of plan \"web-prod\", not \"api-prod\""));
  }

  @Test
  void refusesAStartedLineWhileTheCurrentCutoverHasNotFinished() {
    write(started("c-1", "api-prod"));
    write(INTENT);
    String injected = new JournalLines("api-prod", "x", w -> List.of()).line(started("c-evil", "api-prod"));

    assertThatThrownBy(() -> read(injected)).isInstanceOfSatisfying(JournalDamagedException.class,
        d -> assertThat(d.problem()).contains("starts cutover c-evil while cutover c-1 (started at line 1)"
            + " has not finished"));
    assertThat(lines.current()).isEqualTo("c-1");
  }

  @Test
  void acceptsANewCutoverOnceTheLastOneFinished() {
    write(started("c-1", "api-prod"));
    write(FINISHED);
    write(started("c-2", "api-prod"));

    assertThat(lines.current()).isEqualTo("c-2");
  }

  @Test
  void refusesAStartedLineThatRepeatsAnEarlierCutoverId() {
    write(started("c-1", "api-prod"));
    write(FINISHED);
    String again = lines.line(started("c-1", "api-prod"));

    assertThatThrownBy(() -> read(again)).isInstanceOfSatisfying(JournalDamagedException.class,
        d -> assertThat(d.problem()).contains("starts cutover c-1 a second time (it started at line 1)"));
  }

  @Test
  void refusesAFinishedLineOfACutoverNoStartedLineIntroduced() {
    write(started("c-1", "api-prod"));
    write(INTENT);
    String injected = lines.line(FINISHED).replace("\"cutover\":\"c-1\"", "\"cutover\":\"c-other\"");

    assertThatThrownBy(() -> read(injected)).isInstanceOfSatisfying(JournalDamagedException.class,
        d -> assertThat(d.problem()).contains("belongs to cutover c-other, which no started line introduced"
            + " (the current one is c-1, started at line 1)"));
  }

  @Test
  void refusesALineOfAnEarlierCutoverAfterANewOneStarted() {
    write(started("c-1", "api-prod"));
    String late = lines.line(FINISHED);
    read(late);
    write(started("c-2", "api-prod"));

    assertThatThrownBy(() -> read(late)).isInstanceOfSatisfying(JournalDamagedException.class,
        d -> assertThat(d.problem()).contains("belongs to cutover c-1, but cutover c-2 started after it"));
  }

  @Test
  void refusesALineNamingNoCutoverOnceOneStarted() {
    String early = lines.line(INTENT);
    write(started("c-1", "api-prod"));

    assertThatThrownBy(() -> read(early)).isInstanceOfSatisfying(JournalDamagedException.class,
        d -> assertThat(d.problem()).contains("names no cutover, but cutover c-1 started at line 1"));
  }

  @Test
  void refusesAStartedLineWhoseEnvelopeNamesAnotherCutover() {
    String forged = lines.line(started("c-1", "api-prod")).replace("\"cutover\":\"c-1\"", "\"cutover\":\"c-9\"");

    assertThatThrownBy(() -> read(forged)).isInstanceOfSatisfying(JournalDamagedException.class,
        d -> assertThat(d.problem()).contains("its \"cutover\" field says c-9"));
  }

  @Test
  void readsAJournalOfThePreviousVersionWithoutTheEnvelope() {
    read(EventJson.toJson(started("c-1", "api-prod")));
    read(EventJson.toJson(INTENT));

    assertThat(lines.events()).containsExactly(started("c-1", "api-prod"), INTENT);
    assertThat(lines.current()).isEqualTo("c-1");
    assertThat(write(FINISHED)).as("appended to an old journal: the envelope continues its cutover")
        .contains("\"cutover\":\"c-1\"");
  }

  @Test
  void refusesALineWithoutTheEnvelopeAfterTheFirstEnvelopedLine() {
    read(EventJson.toJson(started("c-1", "api-prod")));
    write(INTENT);
    String legacy = EventJson.toJson(FINISHED);

    assertThatThrownBy(() -> read(legacy)).isInstanceOfSatisfying(JournalDamagedException.class,
        d -> assertThat(d.problem()).contains("has no \"plan\" and \"cutover\" fields, yet follows line 2"));
  }

  @Test
  void refusesGarbageNamingWhatItIs() {
    assertThatThrownBy(() -> read("GARBAGE")).isInstanceOfSatisfying(JournalDamagedException.class, d -> {
      assertThat(d.location()).isEqualTo("line 1");
      assertThat(d.problem()).startsWith("is not JSON").endsWith(": GARBAGE");
    });
    assertThatThrownBy(() -> read("[1,2]")).isInstanceOfSatisfying(JournalDamagedException.class,
        d -> assertThat(d.problem()).startsWith("is not a JSON object"));
    assertThatThrownBy(() -> read("{\"type\":\"nonsense\"}")).isInstanceOfSatisfying(JournalDamagedException.class,
        d -> assertThat(d.problem()).contains("unknown event type"));
  }

  @Test
  void refusesASecondEventHiddenBehindTheFirstOnOneLine() {
    String two = lines.line(started("c-1", "api-prod")) + lines.line(FINISHED);

    assertThatThrownBy(() -> read(two)).isInstanceOf(JournalDamagedException.class);
  }

  @Test
  void refusesAnEnvelopeWithoutAPlan() {
    assertThatThrownBy(() -> read("{\"type\":\"shift-failed\",\"cutover\":null,\"at\":\"" + T + "\"}"))
        .isInstanceOfSatisfying(JournalDamagedException.class,
            d -> assertThat(d.problem()).contains("has a \"cutover\" field but no \"plan\""));
  }
}
