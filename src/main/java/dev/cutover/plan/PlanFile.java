package dev.cutover.plan;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads a plan file's text within bounds: only a regular file of at most {@link #MAX_BYTES}, checked before
 * anything is read (a FIFO would block the open forever, {@code /dev/zero} never ends), and read with a bounded
 * read (a file may grow, and {@code /proc} files report size 0). The text must be UTF-8.
 */
final class PlanFile {
  /** 1 MiB: a plan is a few kilobytes; a plan with every Route 53 record a batch can hold is ~100 KiB. */
  static final int MAX_BYTES = 1024 * 1024;
  static final String LIMIT = "1 MiB (" + MAX_BYTES + " bytes)";
  private static final String FIX_PATH = "pass the path of a plan file (YAML text, like config/example.yaml)";

  /** The file's text, or the one problem that stopped reading it. */
  sealed interface Read permits Text, Refused {}

  record Text(String text) implements Read {}

  record Refused(PlanProblem problem) implements Read {}

  private PlanFile() {}

  /** {@code parse(text, file name)} of the file's text, or {@code refused} of the problem that stopped reading it. */
  static <T> T load(Path file, java.util.function.BiFunction<String, String, T> parse,
      java.util.function.Function<PlanProblem, T> refused) {
    Read read = read(file);
    return read instanceof Refused r ? refused.apply(r.problem()) : parse.apply(((Text) read).text(), file.toString());
  }

  static Read read(Path file) {
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      return refused(file, "it does not exist", "check the path (relative paths start in the current directory)");
    } catch (AccessDeniedException e) {
      return refused(file, "permission denied", "check the file's permissions");
    } catch (IOException | RuntimeException e) {
      return refused(file, describe(e), "check that the file exists and is readable");
    }
    if (attributes.isDirectory()) {
      return refused(file, "it is a directory, not a plan file", FIX_PATH);
    }
    if (!attributes.isRegularFile()) {
      return refused(file, "it is " + kind(file) + ", not a regular file (plans are read from files only)",
          FIX_PATH);
    }
    if (attributes.size() > MAX_BYTES) {
      return tooLarge(file, attributes.size() + " bytes");
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_BYTES + 1);
    } catch (IOException | RuntimeException e) {
      return refused(file, describe(e), "check that the file is readable");
    }
    if (bytes.length > MAX_BYTES) {
      return tooLarge(file, "more than " + MAX_BYTES + " bytes");
    }
    try {
      return new Text(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString());
    } catch (CharacterCodingException e) {
      return refused(file, "it is not UTF-8 text (a binary file, or another encoding)",
          "save the plan as UTF-8 text");
    }
  }

  private static Read tooLarge(Path file, String size) {
    return refused(file, "it holds " + size + ", over the limit of " + LIMIT + " for a plan file",
        "a plan is a few kilobytes of YAML: check that this is the plan file");
  }

  private static Read refused(Path file, String why, String fix) {
    return new Refused(PlanProblem.error("", "cannot read " + file + ": " + why, fix));
  }

  /** "a FIFO (named pipe)", "a character device", ...: from the Unix file mode where the platform has one. */
  private static String kind(Path file) {
    try {
      int mode = (Integer) Files.getAttribute(file, "unix:mode");
      switch (mode & 0170000) {
        case 0010000:
          return "a FIFO (named pipe)";
        case 0020000:
          return "a character device";
        case 0060000:
          return "a block device";
        case 0140000:
          return "a socket";
        default:
          return "a special file";
      }
    } catch (IOException | RuntimeException e) {
      return "a special file";
    }
  }

  private static String describe(Exception e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
