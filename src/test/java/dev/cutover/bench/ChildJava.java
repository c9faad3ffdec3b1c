package dev.cutover.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Command lines for child JVMs: the same java as this one, the packaged jar or this JVM's class path. */
final class ChildJava {
  static final Path JAR = Path.of("target", "cutover.jar");
  /** What the {@code ./cutover} launcher passes when CUTOVER_JAVA_OPTS is not set. */
  static final List<String> LAUNCHER_OPTS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
      "-XX:CompileThresholdScaling=10");

  private ChildJava() {}

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  static Path jar() {
    if (!Files.exists(JAR)) {
      throw new IllegalStateException(JAR + " is missing: run with `verify` (it packages the jar first)");
    }
    return JAR;
  }

  /** {@code java OPTS -jar target/cutover.jar ARGS}. */
  static List<String> jarCommand(List<String> jvmOptions, List<String> args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(java());
    cmd.addAll(jvmOptions);
    cmd.add("-Dcutover.logDir=" + Path.of("target", "bench", "logs"));
    cmd.addAll(List.of("-jar", jar().toString()));
    cmd.addAll(args);
    return cmd;
  }

  /** A process with sandbox credentials and region (AWS CLI v1 too), its output (both streams) to {@code log}. */
  static Process start(List<String> cmd, Path log) throws IOException {
    return dev.cutover.testkit.SandboxProcess.start(cmd, log);
  }
}
