package dev.cutover.bench;

import dev.cutover.domain.Plan;
import dev.cutover.sandbox.SandboxWorld;
import dev.cutover.sandbox.route53.Change;
import dev.cutover.sandbox.route53.ChangeAction;
import dev.cutover.sandbox.route53.RecordSet;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar target/cutover.jar rollback PLAN --no-wait} in a child process against a hooked sandbox in this
 * JVM, records at 50/50: from just before the process is started to the arrival of its UPSERT batch at the sandbox,
 * and to the process's exit. JVM option sets are interleaved per round so machine noise hits them alike.
 */
final class RollbackBench {
  static final Duration AIM = Duration.ofMillis(1500);
  private static final String PLAN = """
      name: rollbench
      zone: Z0BENCHROLLBACK00001
      records:
        - { name: api.rollbench.example.com., type: CNAME, heroku: heroku, aws: aws }
        - { name: www.rollbench.example.com., type: CNAME, heroku: heroku, aws: aws }
      steps:
        - { split: 5, bake: 10m }
        - { split: 50, bake: 30m }
        - { split: 100, bake: 1h }
      gates:
        alarms: [rollbench-5xx-rate]
        poll: 10s
      """;

  private final Path dir;
  private final int trials;
  private volatile long revertArrived;

  RollbackBench(Path dir, int trials) {
    this.dir = dir;
    this.trials = trials;
  }

  List<Figure> runAll() throws Exception {
    Files.createDirectories(dir);
    Path planFile = Files.writeString(dir.resolve("plan.yaml"), PLAN);
    Plan plan = ReactionBench.load(planFile);
    Path archive = dir.resolve("cutover-cds.jsa");
    Files.deleteIfExists(archive);
    Map<String, List<String>> configs = new LinkedHashMap<>();
    configs.put("java -jar (no options)", List.of());
    configs.put("launcher options", ChildJava.LAUNCHER_OPTS);
    List<String> cds = new ArrayList<>(ChildJava.LAUNCHER_OPTS);
    cds.add("-XX:SharedArchiveFile=" + archive);
    configs.put("launcher options + AppCDS", cds);
    Path demoArchive = dir.resolve("cutover-cds-demo.jsa");
    Files.deleteIfExists(demoArchive);
    List<String> cdsDemo = new ArrayList<>(ChildJava.LAUNCHER_OPTS);
    cdsDemo.add("-XX:SharedArchiveFile=" + demoArchive);
    configs.put("launcher options + AppCDS trained by demo", cdsDemo);
    Map<String, List<Long>> toRevert = new LinkedHashMap<>();
    Map<String, List<Long>> total = new LinkedHashMap<>();
    configs.keySet().forEach(k -> {
      toRevert.put(k, new ArrayList<>());
      total.put(k, new ArrayList<>());
    });
    List<String> failures = new ArrayList<>();
    Vertx vertx = Vertx.vertx();
    try (HookedSandbox sandbox = new HookedSandbox(vertx, Duration.ofMillis(50))) {
      sandbox.watcher = (ctx, arrived) -> {
        if (HookedSandbox.isRevertOrShift(ctx) && revertArrived == 0) {
          revertArrived = arrived;
        }
      };
      SandboxWorld.build(plan, sandbox.route53, sandbox.cloudWatch);
      // AppCDS training: one real rollback that dumps the classes it loaded (JDK 13+, dynamic archive)
      List<String> training = new ArrayList<>(ChildJava.LAUNCHER_OPTS);
      training.add("-XX:ArchiveClassesAtExit=" + archive);
      long[] t = once(sandbox, plan, planFile, training, "cds-training");
      System.out.printf(Locale.ROOT, "rollback: AppCDS training run %s, archive %s (%d MB)%n",
          t[2] == 0 ? "ok" : "exit " + t[2], archive, Files.exists(archive) ? Files.size(archive) >> 20 : -1);
      if (!Files.exists(archive)) {
        configs.remove("launcher options + AppCDS");
      }
      // what a launcher could do without a sandbox of its own: train once on `cutover demo` (loads the CLI, the
      // SDK clients, Vert.x and the sandbox: a superset of rollback's classes), logging off so no CDS warning
      // reaches the command's output
      List<String> demoTraining = new ArrayList<>(ChildJava.LAUNCHER_OPTS);
      demoTraining.addAll(List.of("-XX:ArchiveClassesAtExit=" + demoArchive, "-Xlog:disable"));
      Path demoState = Files.createDirectories(dir.resolve("state-cds-demo-training"));
      Process training2 = ChildJava.start(ChildJava.jarCommand(demoTraining, List.of("demo", "--speed", "300",
          "--state-dir", demoState.toString(), "--by", "bench")), dir.resolve("cds-demo-training.log"));
      boolean trained = training2.waitFor(120, TimeUnit.SECONDS);
      System.out.printf(Locale.ROOT, "rollback: AppCDS training on `demo --speed 300` %s, archive %s (%d MB)%n",
          trained ? "exit " + training2.exitValue() : "timed out", demoArchive,
          Files.exists(demoArchive) ? Files.size(demoArchive) >> 20 : -1);
      if (!trained) {
        training2.destroyForcibly().waitFor();
      }
      if (!Files.exists(demoArchive)) {
        configs.remove("launcher options + AppCDS trained by demo");
      }
      for (int round = 0; round < trials; round++) {
        for (var c : configs.entrySet()) {
          long[] r = once(sandbox, plan, planFile, c.getValue(), "r" + round + "-" + toRevert.get(c.getKey()).size()
              + "-" + c.getKey().replaceAll("[^a-zA-Z]+", "_"));
          if (r[2] != 0 || r[0] <= 0) {
            failures.add(c.getKey() + " round " + round + ": exit " + r[2] + ", revert seen " + (r[0] > 0));
            continue;
          }
          toRevert.get(c.getKey()).add(r[0]);
          total.get(c.getKey()).add(r[1]);
        }
      }
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    failures.forEach(f -> System.out.println("  rollback: FAILED " + f));
    List<Figure> figures = new ArrayList<>();
    for (String k : configs.keySet()) {
      Stats s = new Stats(toRevert.get(k));
      Stats p = new Stats(total.get(k));
      System.out.printf(Locale.ROOT, "rollback [%s]: n=%d start→revert received min %s median %s max %s;"
              + " process total min %s median %s max %s%n", k, s.n(), Stats.seconds(s.min()),
          Stats.seconds(s.percentile(50)), Stats.seconds(s.max()), Stats.seconds(p.min()),
          Stats.seconds(p.percentile(50)), Stats.seconds(p.max()));
      boolean ok = s.n() == trials && s.percentile(50) < AIM.toNanos();
      figures.add(new Figure("rollback", String.format(Locale.ROOT, "%s: %s/%s/%s (min/med/max), exit %s med;"
              + " n=%d", shortName(k), Stats.seconds(s.min()), Stats.seconds(s.percentile(50)),
          Stats.seconds(s.max()), Stats.seconds(p.percentile(50)), s.n()),
          "aim < " + Stats.seconds(AIM.toNanos()) + " (median)", Figure.verdict(ok)));
    }
    return figures;
  }

  private static String shortName(String config) {
    return switch (config) {
      case "java -jar (no options)" -> "plain";
      case "launcher options" -> "launcher opts";
      case "launcher options + AppCDS" -> "opts+AppCDS(rollback)";
      default -> "opts+AppCDS(demo)";
    };
  }

  /** Resets the pairs to 50/50, runs one rollback; returns [start→revert ns (0: none), start→exit ns, exit]. */
  private long[] once(HookedSandbox sandbox, Plan plan, Path planFile, List<String> jvm, String tag)
      throws Exception {
    List<Change> fiftyFifty = new ArrayList<>();
    for (var pair : plan.records()) {
      for (RecordSet r : sandbox.route53.records(plan.zone())) {
        if (r.name().equals(pair.name()) && r.setIdentifier() != null) {
          fiftyFifty.add(new Change(ChangeAction.UPSERT, RecordSet.weighted(r.name(), "CNAME", r.setIdentifier(), 50,
              r.ttl(), r.values().get(0))));
        }
      }
    }
    sandbox.route53.changeResourceRecordSets(plan.zone(), "bench: 50/50", fiftyFifty);
    Path state = Files.createDirectories(dir.resolve("state-" + tag));
    List<String> cmd = ChildJava.jarCommand(jvm, List.of("rollback", planFile.toString(), "--no-wait",
        "--state-dir", state.toString(), "--route53-endpoint", sandbox.endpoint.toString(),
        "--cloudwatch-endpoint", sandbox.endpoint.toString(), "--by", "bench"));
    revertArrived = 0;
    long start = System.nanoTime();
    Process p = ChildJava.start(cmd, dir.resolve(tag + ".log"));
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
      return new long[] {0, 0, -1};
    }
    long end = System.nanoTime();
    long seen = revertArrived;
    return new long[] {seen == 0 ? 0 : seen - start, end - start, p.exitValue()};
  }
}
