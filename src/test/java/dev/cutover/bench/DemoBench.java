package dev.cutover.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code java <launcher options> -jar target/cutover.jar demo --scenario S} as a child process, twice per scenario:
 * wall time from start to exit, exit code, and the "fault started → revert applied" figure the demo prints.
 */
final class DemoBench {
  static final long LIMIT_SECONDS = 60;
  private static final Pattern FAULT = Pattern.compile("revert applied (\\S+) later");
  private static final Pattern TOOK = Pattern.compile("took ([0-9.]+) s of wall time");

  private record Scenario(String name, int expectedExit) {}

  private final Path dir;

  DemoBench(Path dir) {
    this.dir = dir;
  }

  List<Figure> runAll() throws Exception {
    Files.createDirectories(dir);
    List<Figure> figures = new ArrayList<>();
    for (Scenario s : List.of(new Scenario("happy", 0), new Scenario("aws-errors", 4))) {
      List<String> runs = new ArrayList<>();
      List<String> reverts = new ArrayList<>();
      boolean ok = true;
      for (int trial = 0; trial < 2; trial++) {
        Path state = Files.createDirectories(dir.resolve(s.name() + "-" + trial));
        Path log = dir.resolve(s.name() + "-" + trial + ".log");
        long start = System.nanoTime();
        Process p = ChildJava.start(ChildJava.jarCommand(ChildJava.LAUNCHER_OPTS, List.of("demo", "--scenario",
            s.name(), "--state-dir", state.toString(), "--by", "bench")), log);
        boolean done = p.waitFor(170, TimeUnit.SECONDS);
        double wall = (System.nanoTime() - start) / 1e9;
        if (!done) {
          p.destroyForcibly().waitFor();
        }
        String out = Files.readString(log);
        Matcher fault = FAULT.matcher(out);
        Matcher took = TOOK.matcher(out);
        int exit = done ? p.exitValue() : -1;
        String faultToRevert = fault.find() ? fault.group(1) + " simulated" : "-";
        System.out.printf(Locale.ROOT, "demo %s #%d: wall %.1f s (demo reports %s s), exit %d (expected %d),"
                + " fault start → revert applied: %s%n", s.name(), trial + 1, wall, took.find() ? took.group(1) : "?",
            exit, s.expectedExit(), faultToRevert);
        ok &= done && exit == s.expectedExit() && wall < LIMIT_SECONDS;
        runs.add(String.format(Locale.ROOT, "%.1f s", wall));
        reverts.add(faultToRevert.replace(" simulated", ""));
      }
      figures.add(new Figure("demo " + s.name(), String.join(", ", runs) + " wall, exit " + s.expectedExit()
          + (s.expectedExit() == 4 ? "; fault→revert " + String.join(", ", reverts) + " (simulated)" : ""),
          "< " + LIMIT_SECONDS + " s wall, exit "
          + s.expectedExit(), Figure.verdict(ok)));
    }
    return figures;
  }
}
