package dev.cutover.plan;

import static dev.cutover.plan.PlanFixtures.VALID;
import static dev.cutover.plan.PlanFixtures.onlyError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What a plan file may be: a regular UTF-8 file of at most 1 MiB, checked before anything is parsed. */
class PlanFileTest {
  @TempDir Path dir;

  PlanLoad load(Path file) {
    return new PlanLoader().load(file);
  }

  @Test
  void loadsAPlanFileOfExactlyOneMebibyte() throws Exception {
    String padding = "#".repeat(PlanFile.MAX_BYTES - VALID.length() - 1) + "\n";
    Path file = Files.writeString(dir.resolve("plan.yaml"), VALID + padding);
    assertThat(Files.size(file)).isEqualTo(1024 * 1024);

    assertThat(load(file).problems()).isEmpty();
  }

  @Test
  @Timeout(10)
  void refusesAPlanFileOverOneMebibyteBeforeParsingNamingTheLimit() throws Exception {
    // 50 MB on one line: parsing it took minutes; the size alone refuses it
    Path file = dir.resolve("huge.yaml");
    try (var out = new java.io.RandomAccessFile(file.toFile(), "rw")) {
      out.write("name: ".getBytes(StandardCharsets.UTF_8));
      out.setLength(6 + 50L * 1024 * 1024);
    }

    PlanProblem p = onlyError(load(file), "", "cannot read " + file, "52428806 bytes",
        "over the limit of 1 MiB (1048576 bytes)");
    assertThat(String.join("\n", PlanProblems.render(load(file).problems(), file.toString())))
        .startsWith(file + ": ").contains("1 MiB");
    assertThat(p.fix()).contains("plan file");
  }

  @Test
  void refusesOneByteOverTheLimit() throws Exception {
    Path file = Files.writeString(dir.resolve("plan.yaml"),
        VALID + "#".repeat(PlanFile.MAX_BYTES - VALID.length() + 1));

    onlyError(load(file), "", "1048577 bytes", "1 MiB");
  }

  @Test
  @Timeout(10)
  void refusesACharacterDeviceWithoutReadingIt() {
    Path zero = Path.of("/dev/zero");
    assumeTrue(Files.exists(zero), "no /dev/zero on this platform");

    onlyError(load(zero), "", "cannot read /dev/zero", "a character device, not a regular file");
  }

  @Test
  @Timeout(10)
  void refusesAFifoWithoutOpeningIt() throws Exception {
    Path fifo = dir.resolve("plan.yaml");
    Process mkfifo;
    try {
      mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).redirectErrorStream(true).start();
    } catch (java.io.IOException e) {
      assumeTrue(false, "no mkfifo on this platform");
      return;
    }
    assumeTrue(mkfifo.waitFor(5, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo failed");

    // opening a FIFO for reading blocks until a writer comes: the @Timeout fails this test if the loader opens it
    onlyError(load(fifo), "", "cannot read " + fifo, "a FIFO (named pipe), not a regular file");
  }

  @Test
  void refusesADirectory() {
    onlyError(load(dir), "", "cannot read " + dir, "a directory, not a plan file");
  }

  @Test
  void aMissingFileSaysItDoesNotExist() {
    onlyError(load(dir.resolve("no-such.yaml")), "", "does not exist");
  }

  @Test
  void refusesAFileThatIsNotUtf8() throws Exception {
    Path file = Files.write(dir.resolve("plan.yaml"), new byte[] {'n', 'a', 'm', 'e', ':', ' ', (byte) 0xC3, 0x28});

    onlyError(load(file), "", "not UTF-8 text");
  }
}
