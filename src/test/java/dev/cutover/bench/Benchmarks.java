package dev.cutover.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * The benchmarks of docs/benchmarks.md: each prints its details as it goes, and a table of figures against the
 * issue's targets closes the run. {@code -Dbench=NAME[,NAME]} (or the first argument) picks some; default all.
 * These are measurements on a shared, noisy machine, not pass/fail tests of the build: the exit code is 0 even
 * when a figure misses its target (1 only when a benchmark could not run at all).
 *
 * <p>Run: {@code ./mvnw -B -q -Pbench verify -DskipTests [-Dbench=reaction]}.
 */
public final class Benchmarks {
  interface Bench {
    List<Figure> run(Path dir) throws Exception;
  }

  private Benchmarks() {}

  public static void main(String[] args) throws Exception {
    quietLogs();
    String pick = args.length > 0 && !args[0].isBlank() ? args[0] : System.getProperty("bench", "all");
    Path dir = Files.createDirectories(Path.of("target", "bench"));
    Map<String, Bench> all = new LinkedHashMap<>();
    all.put("reaction", d -> List.of(new ReactionBench(fresh(d.resolve("reaction")),
        Integer.getInteger("bench.trials", 60), 3, false).run()));
    all.put("reaction-stalled", d -> List.of(new ReactionBench(fresh(d.resolve("reaction-stalled")),
        Integer.getInteger("bench.trials", 60), 3, true).run()));
    all.put("rollback", d -> new RollbackBench(fresh(d.resolve("rollback")),
        Integer.getInteger("bench.rollbackTrials", 10)).runAll());
    all.put("sandbox-throughput", d -> List.of(new ThroughputBench().run()));
    all.put("sandbox-memory", d -> List.of(new MemoryBench(fresh(d.resolve("memory"))).run()));
    all.put("demo", d -> new DemoBench(fresh(d.resolve("demo"))).runAll());
    List<String> chosen = pick.equals("all") ? List.copyOf(all.keySet()) : List.of(pick.split(","));
    List<Figure> figures = new ArrayList<>();
    boolean broken = false;
    for (String name : chosen) {
      Bench b = all.get(name.trim());
      if (b == null) {
        System.out.println("unknown benchmark " + name + "; choose from " + all.keySet() + " or all");
        System.exit(2);
      }
      System.out.printf("%n=== %s ===%n", name.trim());
      long start = System.nanoTime();
      try {
        figures.addAll(b.run(Files.createDirectories(dir)));
      } catch (Exception | Error e) {
        broken = true;
        e.printStackTrace(System.out);
        figures.add(new Figure(name.trim(), "did not run: " + e, "-", "ERROR"));
      }
      System.out.printf(Locale.ROOT, "(%s took %.0f s)%n", name.trim(), (System.nanoTime() - start) / 1e9);
    }
    System.out.println();
    System.out.println(table(figures));
    System.out.printf("machine: %d cores (shared with other builds), %s %s, %s%n",
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
        System.getProperty("java.version"), System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    System.exit(broken ? 1 : 0);
  }

  static String table(List<Figure> figures) {
    int w1 = 20;
    int w2 = Math.max(36, figures.stream().mapToInt(f -> f.figure().length()).max().orElse(0) + 2);
    int w3 = Math.max(18, figures.stream().mapToInt(f -> f.target().length()).max().orElse(0) + 2);
    String fmt = "%-" + w1 + "s %-" + w2 + "s %-" + w3 + "s %s%n";
    StringBuilder sb = new StringBuilder(String.format(fmt, "benchmark", "figure", "target", "verdict"));
    figures.forEach(f -> sb.append(String.format(fmt, f.benchmark(), f.figure(), f.target(), f.verdict())));
    return sb.toString();
  }

  /** The CLI logs each revert as a WARN; 60 of them would bury the figures. */
  private static void quietLogs() {
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.ERROR);
    ((Logger) LoggerFactory.getLogger("dev.cutover")).setLevel(Level.ERROR);
  }

  /** {@code dir}, emptied: a trial must never find a journal or archive left by an earlier invocation. */
  static Path fresh(Path dir) throws java.io.IOException {
    if (Files.exists(dir)) {
      try (var walk = Files.walk(dir)) {
        for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    return Files.createDirectories(dir);
  }

  /** An executor that runs each task on a new daemon thread. */
  static void daemon(Runnable r) {
    Thread t = new Thread(r, "bench-task");
    t.setDaemon(true);
    t.start();
  }
}
