package dev.cutover.port;

import dev.cutover.domain.CutoverEvent;
import java.util.List;

/**
 * A journal holds something cutover cannot read or did not write (a garbage line, a line of another plan or of
 * a cutover no {@code started} line introduced, binary data, a directory where the file should be). Nothing is
 * adopted from it past that point and nothing is appended to it, so the message says where and how to repair.
 */
public class JournalDamagedException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String source;
  private final String location;
  private final String problem;
  private final List<String> repair;
  private final transient List<CutoverEvent> readable;

  /**
   * @param source the journal: a file path, or a DynamoDB table and partition
   * @param location where in it ("line 7", "item event#…"), or null for the journal as a whole
   * @param problem what is wrong, in a phrase
   * @param repair what to do about it, step by step
   * @param readable the events read before the damage (for {@code history}); never acted upon
   */
  public JournalDamagedException(String source, String location, String problem, List<String> repair,
      List<CutoverEvent> readable) {
    super("journal damaged: " + source + (location == null ? "" : " " + location) + ": " + problem
        + "\n  cutover reads nothing past it and writes nothing to it. To repair (runbooks/crash-and-resume.md,"
        + " \"A damaged journal\"):\n    - " + String.join("\n    - ", repair), null, false, false);
    this.source = source;
    this.location = location;
    this.problem = problem;
    this.repair = List.copyOf(repair);
    this.readable = List.copyOf(readable);
  }

  public String source() {
    return source;
  }

  /** "line 7", "item event#…", or null for the journal as a whole. */
  public String location() {
    return location;
  }

  public String problem() {
    return problem;
  }

  public List<String> repair() {
    return repair;
  }

  /** The events before the damaged place: enough to show history, never to act on. */
  public List<CutoverEvent> readable() {
    return readable == null ? List.of() : readable;
  }
}
