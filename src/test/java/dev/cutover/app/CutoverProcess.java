package dev.cutover.app;

import dev.cutover.testkit.SandboxProcess;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code cutover} as a real process: {@code java -jar target/cutover.jar} (after {@code package}), else the test
 * class path with the production Logback configuration, so that what a user sees on the console is what the
 * test sees. Sandbox credentials; output goes to files, never to pipes nobody drains.
 */
final class CutoverProcess {
  private CutoverProcess() {}

  /** The command line that starts {@code cutover ARGS}. */
  static List<String> command(List<String> args) {
    return command(List.of(), args);
  }

  /** {@code java ... cutover} with its log file next to {@code log}. */
  static List<String> java(Path log) {
    return command(List.of("-Dcutover.logDir=" + log.toAbsolutePath().getParent()), List.of());
  }

  private static List<String> command(List<String> jvm, List<String> args) {
    Path jar = Path.of("target", "cutover.jar");
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
    cmd.addAll(jvm);
    if (Files.exists(jar)) {
      cmd.addAll(List.of("-jar", jar.toString()));
    } else {
      // the production logging (LogConfiguration), not the tests' logback-test.xml on this class path
      cmd.addAll(List.of("-cp", classPathWithoutTestResources(), Main.class.getName()));
    }
    cmd.addAll(args);
    return cmd;
  }

  private static String classPathWithoutTestResources() {
    String testClasses = Path.of("target", "test-classes").toAbsolutePath().toString();
    return String.join(java.io.File.pathSeparator, java.util.Arrays.stream(
        System.getProperty("java.class.path").split(java.io.File.pathSeparator))
        .filter(e -> !Path.of(e).toAbsolutePath().toString().equals(testClasses)).toList());
  }

  /** Starts {@code cutover ARGS} against {@code sandbox} (state dir, both endpoints, compressed time). */
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

  /** Runs one command against {@code sandbox} to its end (at most {@code seconds}). */
  static Ended run(SandboxFixture sandbox, double speed, Path log, int seconds, String... args) throws Exception {
    Process p = start(sandbox, speed, log, args);
    if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError("cutover " + String.join(" ", args) + " did not end within " + seconds + " s:\n"
          + Files.readString(log));
    }
    return new Ended(p.exitValue(), Files.readString(log));
  }

  /** What a finished process printed, stdout and stderr apart. */
  record Result(int exit, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  /** Starts {@code cutover ARGS} with sandbox credentials and {@code env}, stdout and stderr to two files. */
  static Process start(Map<String, String> env, File out, File err, List<String> args) throws Exception {
    ProcessBuilder pb = SandboxProcess.builder(command(args)).redirectOutput(out).redirectError(err);
    pb.environment().putAll(env);
    return pb.start();
  }

  /** Runs {@code cutover ARGS} to its end (at most 60 s) in {@code dir}'s files. */
  static Result run(Path dir, Map<String, String> env, String... args) throws Exception {
    File out = Files.createTempFile(dir, "stdout-", ".txt").toFile();
    File err = Files.createTempFile(dir, "stderr-", ".txt").toFile();
    Process p = start(env, out, err, List.of(args));
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError("cutover " + String.join(" ", args) + " did not end within 60 s");
    }
    return new Result(p.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8),
        Files.readString(err.toPath(), StandardCharsets.UTF_8));
  }
}
