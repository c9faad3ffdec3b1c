package dev.cutover.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/** The smallest world a command-line test needs: one weighted pair at 100% Heroku and one alarm in OK. */
final class OnePair {
  static final String API = "api.example.com.";

  private OnePair() {}

  /** The sandbox at {@code speed} with zone example.com., {@link #API} at 100% Heroku and {@code alarm} OK. */
  static SandboxFixture sandbox(double speed, Path dir, String alarm) throws Exception {
    SandboxFixture sandbox = new SandboxFixture(speed, dir.resolve("state"));
    sandbox.zone("example.com.");
    sandbox.pair(API, 100, 0);
    sandbox.alarm(alarm, StateValue.OK);
    return sandbox;
  }

  /**
   * Waits (polling every 5 ms, at most {@code timeout}) while {@code still} holds, until the local journal of
   * {@code plan} in {@code stateDir} has an event of {@code type}; whether it has.
   */
  static boolean awaitEvent(Path stateDir, String plan, String type, Duration timeout, BooleanSupplier still)
      throws InterruptedException {
    Path journal = stateDir.resolve(plan).resolve("journal.jsonl");
    long deadline = System.nanoTime() + timeout.toNanos();
    while (still.getAsBoolean() && System.nanoTime() < deadline) {
      if (holds(journal, "\"type\":\"" + type + "\"")) {
        return true;
      }
      Thread.sleep(5);
    }
    return holds(journal, "\"type\":\"" + type + "\"");
  }

  private static boolean holds(Path file, String text) {
    try {
      return Files.exists(file) && Files.readString(file).contains(text);
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
