package dev.cutover.journal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;

/**
 * The bytes of a journal file as lines: strict UTF-8, one entry per newline-terminated line, blank lines
 * skipped. What follows the last newline is a <i>torn write</i> only if it is provably one: the start of a line
 * cutover writes ({@code {"type":"...}), cut short. Cutover writes each line with its newline in one write
 * under the journal's lock, so nothing else can end a journal without a newline. Pure.
 */
final class JournalText {
  static final String LINE_START = "{\"type\":\"";

  private JournalText() {}

  /**
   * @param end offset just after the last complete line
   * @param lines complete lines read (blank ones included)
   * @param tornBytes length of a torn last line after {@code end} (0 if none)
   */
  record Scan(long end, int lines, int tornBytes) {}

  /**
   * Feeds every complete line of {@code bytes} to {@code into}; {@code bytes} starts at byte {@code base} and line
   * {@code firstLine} of the file. Throws the journal's damage for a line that is not UTF-8 text, that
   * {@code into} refuses, or an unterminated end that is not a torn write.
   */
  static Scan scan(byte[] bytes, long base, int firstLine, JournalLines into) {
    int start = 0;
    int line = firstLine;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        String text = decode(bytes, start, i - start, line, into);
        if (!text.isBlank()) {
          into.accept("line " + line, text);
        }
        line++;
        start = i + 1;
      }
    }
    int rest = bytes.length - start;
    if (rest > 0 && !isTornWrite(bytes, start, rest)) {
      throw into.damaged("line " + line, "is the last line, has no newline, and is not the start of a cutover"
          + " event, so it is not a torn write: " + excerpt(bytes, start, rest));
    }
    return new Scan(base + start, line - firstLine, rest);
  }

  private static String decode(byte[] bytes, int from, int length, int line, JournalLines into) {
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes, from, length)).toString();
    } catch (CharacterCodingException e) {
      throw into.damaged("line " + line, "is not UTF-8 text (binary data?): " + excerpt(bytes, from, length));
    }
  }

  /** A prefix of a line cutover writes: starts as one, valid UTF-8 up to a character the cut may have split. */
  static boolean isTornWrite(byte[] bytes, int from, int length) {
    byte[] start = LINE_START.getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < Math.min(length, start.length); i++) {
      if (bytes[from + i] != start[i]) {
        return false;
      }
    }
    for (int i = from; i < from + length; i++) {
      if (bytes[i] >= 0 && bytes[i] < 0x20) {
        return false; // cutover escapes control characters
      }
    }
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
    CoderResult r = decoder.decode(ByteBuffer.wrap(bytes, from, length), CharBuffer.allocate(length), false);
    return !r.isError();
  }

  private static String excerpt(byte[] bytes, int from, int length) {
    StringBuilder b = new StringBuilder();
    for (int i = from; i < from + Math.min(length, 40); i++) {
      int c = bytes[i] & 0xff;
      b.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\x%02x", c));
    }
    return b + (length > 40 ? "..." : "");
  }
}
