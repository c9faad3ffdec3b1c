package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The one escape every console printer uses: control characters are shown, never sent to the terminal. */
class TerminalTest {

  @Test
  void escapesAnAnsiSequenceSoItCannotClearTheScreenOrColourText() {
    assertThat(Terminal.safe("api\u001b[2J\u001b[31mprod")).isEqualTo("api\\x1b[2J\\x1b[31mprod");
  }

  @Test
  void escapesNewlinesAndCarriageReturnsSoAFieldCannotForgeOrOverwriteALine() {
    assertThat(Terminal.safe("ok\rfinished COMPLETED\nforged")).isEqualTo("ok\\rfinished COMPLETED\\nforged");
  }

  @Test
  void escapesEveryOtherControlCharacterDeleteC1AndBidiOverrides() {
    assertThat(Terminal.safe("\u0000\u0007\t\u007f\u0085\u009b\u202e\u2066\u2028"))
        .isEqualTo("\\x00\\x07\\t\\x7f\\u0085\\u009b\\u202e\\u2066\\u2028");
  }

  @Test
  void leavesPrintableTextAndUnicodeAsItIs() {
    String text = "api-prod: 5% → 50%, café, ✓, 日本, `quoted` \\x1b stays a backslash";

    assertThat(Terminal.safe(text)).isSameAs(text);
  }

  @Test
  void aMessageOfSeveralLinesKeepsItsLinesAndEscapesWithinThem() {
    assertThat(Terminal.safeLines("preflight failed:\n  - alarm \u001b[2Jx does not exist"))
        .isEqualTo("preflight failed:\n  - alarm \\x1b[2Jx does not exist");
  }

  @Test
  void aListEscapesEachItem() {
    assertThat(Terminal.list(List.of("a\u001b", "b\n"))).isEqualTo("a\\x1b, b\\n");
    assertThat(Terminal.safe(null)).isEqualTo("null");
  }
}
