package dev.cutover.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.domain.CutoverEvent;
import dev.cutover.port.JournalDamagedException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Journal bytes as lines: what is a torn write (healed) and what is damage (refused). */
class JournalTextTest {
  static final Instant T = Instant.parse("2026-11-21T10:00:00Z");
  final JournalLines writer = new JournalLines("api-prod", "j", w -> List.of());
  final String started = writer.line(new CutoverEvent.Started(T, "c-1", "api-prod", "al", List.of(100))) + "\n";

  JournalLines reader() {
    return new JournalLines("api-prod", "journal.jsonl", w -> List.of("repair " + w));
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aLastLineWithoutNewlineThatStartsLikeACutoverLineIsATornWriteAndIsNotRead() {
    String torn = "{\"type\":\"shift-intent\",\"plan\":\"api-prod\",\"cutover\":\"c-1\",\"at\":\"2026-11-";
    JournalLines r = reader();

    JournalText.Scan scan = JournalText.scan(bytes(started + torn), 0, 1, r);

    assertThat(scan.end()).isEqualTo(bytes(started).length);
    assertThat(scan.lines()).isEqualTo(1);
    assertThat(scan.tornBytes()).isEqualTo(bytes(torn).length);
    assertThat(r.events()).hasSize(1);
  }

  @Test
  void aTornWriteMayEndInTheMiddleOfAMultiByteCharacter() {
    byte[] euro = bytes("{\"type\":\"approved\",\"by\":\"€");
    byte[] cut = java.util.Arrays.copyOf(euro, euro.length - 1);

    assertThat(JournalText.isTornWrite(cut, 0, cut.length)).isTrue();
    assertThat(JournalText.isTornWrite(bytes("{\"ty"), 0, 4)).as("cut inside the first field").isTrue();
  }

  @Test
  void aCompleteGarbageLineFollowedByANewlineIsDamageNotATornWrite() {
    assertThatThrownBy(() -> JournalText.scan(bytes(started + "GARBAGE\n"), 0, 1, reader()))
        .isInstanceOfSatisfying(JournalDamagedException.class, d -> {
          assertThat(d.location()).isEqualTo("line 2");
          assertThat(d.problem()).contains("is not JSON");
          assertThat(d.getMessage()).contains("journal.jsonl line 2").contains("repair line 2");
        });
  }

  @Test
  void garbageWithoutNewlineAtTheEndIsNotATornWrite() {
    assertThatThrownBy(() -> JournalText.scan(bytes(started + "GARBAGE"), 0, 1, reader()))
        .isInstanceOfSatisfying(JournalDamagedException.class, d -> {
          assertThat(d.location()).isEqualTo("line 2");
          assertThat(d.problem()).contains("not a torn write: GARBAGE");
        });
  }

  @Test
  void aBinaryJournalIsDamageNamingTheLineNotACharsetError() {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13};

    assertThatThrownBy(() -> JournalText.scan(png, 0, 1, reader()))
        .isInstanceOfSatisfying(JournalDamagedException.class, d -> {
          assertThat(d.location()).isEqualTo("line 1");
          assertThat(d.problem()).startsWith("is not UTF-8 text (binary data?): \\x89PNG\\x0d");
          assertThat(d.getMessage()).doesNotContain("Input length");
        });
  }

  @Test
  void blankLinesAreSkippedButCounted() {
    JournalLines r = reader();

    JournalText.Scan scan = JournalText.scan(bytes("\n" + started + "\n"), 0, 1, r);

    assertThat(scan.lines()).isEqualTo(3);
    assertThat(r.events()).hasSize(1);
    assertThatThrownBy(() -> JournalText.scan(bytes("\n\nGARBAGE\n"), 100, 5, reader()))
        .isInstanceOfSatisfying(JournalDamagedException.class, d -> assertThat(d.location()).isEqualTo("line 7"));
  }
}
