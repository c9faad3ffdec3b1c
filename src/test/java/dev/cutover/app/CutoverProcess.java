package dev.cutover.app;

import dev.cutover.testkit.SandboxProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code cutover} process ({@code java -jar target/cutover.jar ARGS}, or this JVM's class path before
 * {@code package}) pointed at a sandbox: its state dir, both endpoints, compressed time; output to a log file.
 */
final class CutoverProcess {
  private CutoverProcess() {}

  /** {@code java ... cutover} (the packaged jar, else this JVM's class path), logging next to {@code log}. */
  static List<String> java(Path log) {
    Path jar = Path.of("target", "cutover.jar");
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Dcutover.logDir=" + log.toAbsolutePath().getParent()));
    if (Files.exists(jar)) {
      cmd.addAll(List.of("-jar", jar.toString()));
    } else {
      cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.cutover.app.Main"));
    }
    return cmd;
  }

  static Process start(SandboxFixture sandbox, double speed, Path log, String... args) throws IOException {
    List<String> cmd = java(log);
    cmd.addAll(List.of(args));
    cmd.addAll(List.of("--state-dir", sandbox.stateDir.toString(), "--route53-endpoint", sandbox.endpoint.toString(),
        "--cloudwatch-endpoint", sandbox.endpoint.toString(), "--time-speed", String.valueOf(speed),
        "--by", "process-test"));
    return SandboxProcess.start(cmd, log);
  }

  /** What a finished process said: exit code and its output (stdout and stderr, interleaved). */
  record Ended(int exit, String output) {
    @Override
    public String toString() {
      return "exit " + exit + "\n" + output;
    }
  }

  /** Runs one command to its end (at most {@code seconds}). */
  static Ended run(SandboxFixture sandbox, double speed, Path log, int seconds, String... args) throws Exception {
    Process p = start(sandbox, speed, log, args);
    if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError("cutover " + String.join(" ", args) + " did not end within " + seconds + " s:\n"
          + Files.readString(log));
    }
    return new Ended(p.exitValue(), Files.readString(log));
  }
}
