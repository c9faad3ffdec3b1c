package dev.cutover.app;

import dev.cutover.domain.CutoverEvent;
import dev.cutover.journal.FileJournal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Test kit: a plan's local journal as a test reads it while a cutover runs, and actions it triggers. */
final class JournalWatch {
  private final Path file;

  JournalWatch(Path stateDir, String plan) {
    this.file = stateDir.resolve(plan).resolve("journal.jsonl");
  }

  List<CutoverEvent> events() {
    try {
      return FileJournal.read(file);
    } catch (Exception e) {
      return List.of();
    }
  }

  <T extends CutoverEvent> List<T> all(Class<T> type) {
    return events().stream().filter(type::isInstance).map(type::cast).toList();
  }

  boolean has(Predicate<CutoverEvent> what) {
    return events().stream().anyMatch(what);
  }

  /** Runs {@code action} on another thread once the journal holds an event matching {@code what}. */
  CompletableFuture<Void> when(Predicate<CutoverEvent> what, Duration delay, ThrowingRunnable action) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    Thread t = new Thread(() -> {
      try {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!has(what)) {
          if (System.nanoTime() > deadline) {
            done.completeExceptionally(new AssertionError("no such event in " + file));
            return;
          }
          Thread.sleep(5);
        }
        Thread.sleep(delay.toMillis());
        action.run();
        done.complete(null);
      } catch (Throwable e) {
        done.completeExceptionally(e);
      }
    }, "journal-trigger");
    t.setDaemon(true);
    t.start();
    return done;
  }

  interface ThrowingRunnable {
    void run() throws Exception;
  }
}
