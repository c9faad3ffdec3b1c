package dev.cutover.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A state dir that cannot be used is one clear line and exit 2 (a wrong path) or 3 (the file system refuses),
 * with no Logback status dump: real processes, because the console is what the user sees.
 */
class StateDirIT {
  @TempDir Path dir;

  /** Endpoints nobody listens on: the state dir is checked before any AWS call. */
  CutoverProcess.Result cutover(Path stateDir, String command) throws Exception {
    return CutoverProcess.run(dir, Map.of(), "--state-dir", stateDir.toString(), "--route53-endpoint",
        "http://127.0.0.1:9", "--cloudwatch-endpoint", "http://127.0.0.1:9", command, "config/example.yaml");
  }

  static void assertOneClearLine(CutoverProcess.Result r, int exit, String... says) {
    assertThat(r.exit()).as(r.toString()).isEqualTo(exit);
    assertThat(r.err().strip().lines()).as(r.toString()).singleElement().satisfies(line -> assertThat(line)
        .contains(says).contains("--state-dir").doesNotContain("|-").doesNotContain("Exception"));
    assertThat(r.out()).as(r.toString()).isEmpty();
  }

  @Test
  void aStateDirThatIsAFileIsOneLineAndExitTwo() throws Exception {
    Path file = Files.writeString(dir.resolve("state"), "not a directory");

    for (String command : new String[] {"status", "run", "history"}) {
      assertOneClearLine(cutover(file, command), 2, "the state dir " + file + " is a file, not a directory");
    }
  }

  @Test
  void aStateDirWhoseParentDoesNotExistIsOneLineAndExitTwo() throws Exception {
    Path state = dir.resolve("no-such-parent").resolve("state");

    assertOneClearLine(cutover(state, "status"), 2, "its parent directory", "does not exist");
    assertThat(dir.resolve("no-such-parent")).doesNotExist();
  }

  @Test
  void aStateDirUnderAFileIsOneLineAndExitTwo() throws Exception {
    Path file = Files.writeString(dir.resolve("file"), "x");

    assertOneClearLine(cutover(file.resolve("state"), "run"), 2, file + " is a file");
  }

  @Test
  void aReadOnlyStateDirIsOneLineAndExitThree() throws Exception {
    Path readOnly = Files.createDirectory(dir.resolve("read-only"));
    Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
    if (Files.isWritable(readOnly)) { // root ignores permissions; sysfs refuses even root
      readOnly = Path.of("/sys");
      assumeTrue(Files.isDirectory(readOnly), "running as root and no /sys: no read-only directory to try");
    }

    assertOneClearLine(cutover(readOnly, "status"), 3, "the state dir " + readOnly + " is not writable");
  }

  @Test
  void aStateDirThatCannotBeCreatedIsOneLineAndExitThree() throws Exception {
    Path parent = Files.createDirectory(dir.resolve("read-only"));
    Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("r-xr-xr-x"));
    if (Files.isWritable(parent)) {
      parent = Path.of("/sys");
      assumeTrue(Files.isDirectory(parent), "running as root and no /sys: no read-only directory to try");
    }

    assertOneClearLine(cutover(parent.resolve("cutover-state"), "status"), 3, "cannot be created in " + parent);
  }

  @Test
  void validateNeedsNoStateDirAndPrintsNoLogbackStatus() throws Exception {
    Path file = Files.writeString(dir.resolve("state"), "not a directory");

    CutoverProcess.Result r = cutover(file, "validate");

    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.err()).as(r.toString()).isEmpty();
    assertThat(r.out()).contains("valid");
  }

  @Test
  void aRollbackStillRevertsWhenTheStateDirIsUnusableAndSaysItCouldNotRecordIt() throws Exception {
    try (SandboxFixture sandbox = new SandboxFixture(1, dir.resolve("unused"))) {
      sandbox.zone("example.com.");
      sandbox.pair("api.example.com.", 50, 50);
      Path plan = sandbox.plan(dir, """
          name: api-prod
          zone: ZONE
          records: [{ name: api.example.com., type: CNAME, heroku: heroku, aws: aws }]
          steps: [{ split: 100, bake: 10m }]
          gates: { alarms: [five-xx] }
          """);
      Path file = Files.writeString(dir.resolve("state"), "not a directory");

      CutoverProcess.Result r = CutoverProcess.run(dir, Map.of(), "--state-dir", file.toString(),
          "--route53-endpoint", sandbox.endpoint.toString(), "rollback", plan.toString(), "--no-wait");

      assertThat(r.exit()).as(r.toString()).isZero();
      assertThat(sandbox.weights("api.example.com.")).containsExactly(100, 0);
      assertThat(r.err()).as(r.toString()).contains("the rollback is applied", "is a file, not a directory")
          .doesNotContain("|-");
    }
  }
}
