package dev.cutover.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs {@link MemoryProbe} in a child JVM capped at -Xmx256m, so the claim is enforced, not only measured. */
final class MemoryBench {
  static final String XMX = "-Xmx256m";
  private static final Pattern RESULT = Pattern.compile(
      "RESULT used=(\\d+) committed=(\\d+) max=(\\d+) records=(\\d+) alarms=(\\d+) states=(\\S+) build_seconds=(\\S+)");

  private final Path dir;

  MemoryBench(Path dir) {
    this.dir = dir;
  }

  Figure run() throws Exception {
    Files.createDirectories(dir);
    List<String> cmd = new ArrayList<>(List.of(ChildJava.java(), XMX, "-cp", System.getProperty("java.class.path"),
        MemoryProbe.class.getName()));
    Path log = dir.resolve("probe.log");
    Process p = ChildJava.start(cmd, log);
    if (!p.waitFor(170, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
      return new Figure("sandbox-memory", "timed out after 170 s", "< 256 MB heap", Figure.FAIL);
    }
    String out = Files.readString(log);
    Matcher m = RESULT.matcher(out);
    if (p.exitValue() != 0 || !m.find()) {
      System.out.println(out);
      return new Figure("sandbox-memory", "exit " + p.exitValue() + (out.contains("RESULT oom") ? " OutOfMemoryError"
          : ""), "< 256 MB heap, no OOM", Figure.FAIL);
    }
    double used = Long.parseLong(m.group(1)) / 1048576.0;
    long records = Long.parseLong(m.group(4));
    int alarms = Integer.parseInt(m.group(5));
    System.out.printf(Locale.ROOT, "sandbox-memory: %d weighted records, %d alarms %s, 1 simulated hour of"
            + " per-second ALB metrics built in %s s; after GC: used %.1f MB, committed %.1f MB, max %.0f MB (%s),"
            + " no OutOfMemoryError%n", records, alarms, m.group(6), m.group(7), used,
        Long.parseLong(m.group(2)) / 1048576.0, Long.parseLong(m.group(3)) / 1048576.0, XMX);
    boolean ok = records >= 1000 && alarms >= 200 && used < 256;
    return new Figure("sandbox-memory", String.format(Locale.ROOT, "%.1f MB used after GC (%d records, %d alarms,"
        + " 1 h metrics; %s, no OOM)", used, records, alarms, XMX), "< 256 MB heap, no OOM", Figure.verdict(ok));
  }
}
