package dev.cutover.app;

import java.io.File;
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
 * test sees. Output goes to files, never to pipes nobody drains.
 */
final class CutoverProcess {
  private CutoverProcess() {}

  record Result(int exit, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  /** The command line that starts {@code cutover ARGS}. */
  static List<String> command(List<String> args) {
    Path jar = Path.of("target", "cutover.jar");
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
    if (Files.exists(jar)) {
      cmd.addAll(List.of("-jar", jar.toString()));
    } else {
      cmd.addAll(List.of("-Dlogback.configurationFile=" + Path.of("target", "classes", "logback.xml").toAbsolutePath(),
          "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    }
    cmd.addAll(args);
    return cmd;
  }

  /** Starts {@code cutover ARGS} with sandbox credentials, stdout and stderr to {@code out} and {@code err}. */
  static Process start(Map<String, String> env, File out, File err, List<String> args) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command(args)).redirectOutput(out).redirectError(err);
    pb.environment().put("AWS_ACCESS_KEY_ID", "sandbox");
    pb.environment().put("AWS_SECRET_ACCESS_KEY", "sandbox");
    pb.environment().put("AWS_REGION", "us-east-1");
    // the caller's own AWS and cutover settings must not leak into what the test means
    pb.environment().keySet().removeIf(k -> k.startsWith("AWS_ENDPOINT_URL") || k.startsWith("CUTOVER_")
        || k.equals("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"));
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
