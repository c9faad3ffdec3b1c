package dev.cutover.app;

import dev.cutover.domain.CutoverEvent;
import dev.cutover.journal.FileJournal;
import dev.cutover.testkit.SandboxProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real controller process: {@code java -jar target/cutover.jar ARGS} (or the test classpath before packaging),
 * with sandbox credentials, its output in a log file, and its journal read from the state dir as a user would.
 */
final class ControllerProcess implements AutoCloseable {
  final Process process;
  final Path log;
  private final Path stateDir;

  private ControllerProcess(Process process, Path log, Path stateDir) {
    this.process = process;
    this.log = log;
    this.stateDir = stateDir;
  }

  /** Starts {@code cutover ARGS --state-dir STATE_DIR}; the log goes to {@code log}. */
  static ControllerProcess start(Path stateDir, Path log, String... args) throws IOException {
    return start(stateDir, log, Map.of(), args);
  }

  /** As {@link #start(Path, Path, String...)}, with {@code env} added (a shared store's endpoint). */
  static ControllerProcess start(Path stateDir, Path log, Map<String, String> env, String... args)
      throws IOException {
    List<String> cmd = CutoverProcess.java(log);
    cmd.addAll(List.of(args));
    cmd.addAll(List.of("--state-dir", stateDir.toString()));
    ProcessBuilder pb = SandboxProcess.builder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(env);
    return new ControllerProcess(pb.start(), log, stateDir);
  }

  /** The plan's journal as it is now (empty before the first event). */
  List<CutoverEvent> journal(String plan) {
    try {
      return FileJournal.read(stateDir.resolve(plan).resolve("journal.jsonl"));
    } catch (IOException e) {
      return List.of();
    }
  }

  /**
   * Waits (polling every 5 ms) until the journal holds an event matching {@code what}; returns it and the
   * {@link System#nanoTime} at which it was seen, or fails after {@code timeout}.
   */
  Seen await(String plan, Duration timeout, Predicate<CutoverEvent> what) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (CutoverEvent e : journal(plan)) {
        if (what.test(e)) {
          return new Seen(e, System.nanoTime());
        }
      }
      Thread.sleep(5);
    }
    throw new AssertionError("no such event in the journal of " + plan + " within " + timeout + "; log:\n" + tail());
  }

  record Seen(CutoverEvent event, long nanos) {}

  /** Waits for the process to exit; returns its exit code. */
  int exit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("controller still running after " + timeout + "; log:\n" + tail());
    }
    return process.exitValue();
  }

  String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
    }
  }
}
