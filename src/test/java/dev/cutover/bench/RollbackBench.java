package dev.cutover.bench;

import dev.cutover.domain.Plan;
import dev.cutover.sandbox.SandboxWorld;
import dev.cutover.sandbox.route53.Change;
import dev.cutover.sandbox.route53.ChangeAction;
import dev.cutover.sandbox.route53.RecordSet;
import io.vertx.core.Vertx;
import java.io.IOException;
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
 * {@code cutover rollback PLAN --no-wait} side by side with the AWS CLI's {@code aws route53
 * change-resource-record-sets} sending the same UPSERTs, each a child process against one hooked sandbox in this
 * JVM, 2 pairs reset to 50/50 before every run: from just before the process starts to the arrival of its batch at
 * the sandbox, and to the process's exit. Each round runs every command once, in turn, so machine noise hits them
 * alike. {@code cutover} runs as users run it: the {@code ./cutover} launcher (its JVM options and its start-up
 * archive, trained once before the first round); {@code java -jar} without options is shown for reference. CPU
 * seconds and peak RSS come from GNU time ({@code /usr/bin/time}) when it is installed.
 */
final class RollbackBench {
  static final String PLAN = """
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
  private static final Path GNU_TIME = Path.of("/usr/bin/time");
  private static final String PLAIN = "cutover: java -jar, no options";
  private static final String LAUNCHER = "cutover: ./cutover launcher";
  private static final String AWS_CLI = "aws route53 change-resource-record-sets";

  /** One run: nanoseconds from start to the batch's arrival (0: never arrived) and to exit; CPU and RSS if known. */
  record Sample(long toBatch, long toExit, int exit, double cpuSeconds, long peakKib) {}

  private final Path dir;
  private final int trials;
  private volatile long batchArrived;

  RollbackBench(Path dir, int trials) {
    this.dir = dir;
    this.trials = trials;
  }

  List<Figure> runAll() throws Exception {
    Files.createDirectories(dir);
    Path planFile = Files.writeString(dir.resolve("plan.yaml"), PLAN);
    Plan plan = ReactionBench.load(planFile);
    Map<String, List<Sample>> samples = new LinkedHashMap<>();
    List<String> failures = new ArrayList<>();
    boolean awsCli = onPath("aws");
    Vertx vertx = Vertx.vertx();
    try (HookedSandbox sandbox = new HookedSandbox(vertx, Duration.ofMillis(50))) {
      sandbox.watcher = (ctx, arrived) -> {
        if (HookedSandbox.isRevertOrShift(ctx) && batchArrived == 0) {
          batchArrived = arrived;
        }
      };
      SandboxWorld.build(plan, sandbox.route53, sandbox.cloudWatch);
      Path batch = dir.resolve("revert-batch.json");
      Files.writeString(batch, awsCliBatch(sandbox, plan));
      // the launcher trains its start-up archive when the jar is newer than it: once, here, untimed
      Process warm = ChildJava.start(List.of("./cutover", "--version"), dir.resolve("launcher-warm-up.log"));
      boolean warmed = warm.waitFor(180, TimeUnit.SECONDS);
      System.out.printf(Locale.ROOT, "rollback: launcher warm-up (start-up archive trained if stale) %s%n",
          warmed ? "exit " + warm.exitValue() : "timed out");
      Map<String, List<String>> commands = new LinkedHashMap<>();
      List<String> cutoverArgs = List.of("rollback", planFile.toString(), "--no-wait", "--route53-endpoint",
          sandbox.endpoint.toString(), "--cloudwatch-endpoint", sandbox.endpoint.toString(), "--by", "bench");
      commands.put(PLAIN, ChildJava.jarCommand(List.of(), cutoverArgs));
      List<String> launcher = new ArrayList<>(List.of("./cutover"));
      launcher.addAll(cutoverArgs);
      commands.put(LAUNCHER, launcher);
      if (awsCli) {
        commands.put(AWS_CLI, List.of("aws", "--endpoint-url", sandbox.endpoint.toString(), "route53",
            "change-resource-record-sets", "--hosted-zone-id", plan.zone(), "--change-batch", "file://" + batch
                .toAbsolutePath()));
      } else {
        System.out.println("rollback: `aws` is not on PATH: no comparison with the AWS CLI");
      }
      commands.keySet().forEach(k -> samples.put(k, new ArrayList<>()));
      for (int round = 0; round < trials; round++) {
        for (var c : commands.entrySet()) {
          String tag = "r" + round + "-" + c.getKey().replaceAll("[^a-zA-Z]+", "_");
          List<String> cmd = new ArrayList<>(c.getValue());
          if (!c.getKey().equals(AWS_CLI)) {
            cmd.addAll(List.of("--state-dir", Files.createDirectories(dir.resolve("state-" + tag)).toString()));
          }
          Sample s = once(sandbox, plan, cmd, tag);
          if (s.exit() != 0 || s.toBatch() <= 0) {
            failures.add(c.getKey() + " round " + round + ": exit " + s.exit() + ", batch seen " + (s.toBatch() > 0));
            continue;
          }
          samples.get(c.getKey()).add(s);
        }
      }
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    failures.forEach(f -> System.out.println("  rollback: FAILED " + f));
    return figures(samples);
  }

  private List<Figure> figures(Map<String, List<Sample>> samples) {
    List<Figure> figures = new ArrayList<>();
    for (var e : samples.entrySet()) {
      List<Sample> s = e.getValue();
      Stats batch = new Stats(s.stream().map(Sample::toBatch).toList());
      Stats exit = new Stats(s.stream().map(Sample::toExit).toList());
      String cpu = s.isEmpty() || s.get(0).cpuSeconds() < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f CPU-s",
          median(s.stream().map(Sample::cpuSeconds).toList()));
      String rss = s.isEmpty() || s.get(0).peakKib() < 0 ? "n/a" : (s.stream().mapToLong(Sample::peakKib).max()
          .orElse(0) >> 10) + " MiB";
      System.out.printf(Locale.ROOT, "rollback [%s]: n=%d start→batch received min %s median %s max %s;"
              + " start→exit min %s median %s max %s; %s median, peak RSS %s%n", e.getKey(), exit.n(),
          Stats.preciseSeconds(batch.min()), Stats.preciseSeconds(batch.percentile(50)),
          Stats.preciseSeconds(batch.max()), Stats.preciseSeconds(exit.min()),
          Stats.preciseSeconds(exit.percentile(50)), Stats.preciseSeconds(exit.max()), cpu, rss);
      figures.add(new Figure("rollback", String.format(Locale.ROOT, "%s: exit %s/%s/%s (min/med/max), batch"
              + " med %s, %s, %s; n=%d", shortName(e.getKey()), Stats.seconds(exit.min()),
          Stats.seconds(exit.percentile(50)), Stats.seconds(exit.max()), Stats.seconds(batch.percentile(50)), cpu,
          rss, exit.n()), "-", Figure.REPORT));
    }
    List<Sample> ours = samples.getOrDefault(LAUNCHER, List.of());
    List<Sample> theirs = samples.getOrDefault(AWS_CLI, List.of());
    if (!ours.isEmpty() && !theirs.isEmpty()) {
      double exitRatio = (double) new Stats(ours.stream().map(Sample::toExit).toList()).percentile(50)
          / new Stats(theirs.stream().map(Sample::toExit).toList()).percentile(50);
      double batchRatio = (double) new Stats(ours.stream().map(Sample::toBatch).toList()).percentile(50)
          / new Stats(theirs.stream().map(Sample::toBatch).toList()).percentile(50);
      System.out.printf(Locale.ROOT, "rollback: cutover / AWS CLI, median start→exit %.2f, median start→batch"
          + " %.2f%n", exitRatio, batchRatio);
      figures.add(new Figure("rollback ratio", String.format(Locale.ROOT, "cutover/aws median: exit %.2f, batch"
          + " %.2f (n=%d/%d)", exitRatio, batchRatio, ours.size(), theirs.size()), "exit <= 1.00",
          Figure.verdict(exitRatio <= 1.0)));
    }
    return figures;
  }

  private static String shortName(String command) {
    return switch (command) {
      case PLAIN -> "java -jar";
      case LAUNCHER -> "./cutover";
      default -> "aws cli";
    };
  }

  /** The UPSERTs of both pairs to 100% Heroku, as an AWS CLI user would write them (--change-batch file://). */
  private static String awsCliBatch(HookedSandbox sandbox, Plan plan) {
    List<String> changes = new ArrayList<>();
    for (RecordSet r : sandbox.route53.records(plan.zone())) {
      if (r.isWeighted()) {
        long weight = r.setIdentifier().equals("heroku") ? 100 : 0;
        changes.add(String.format(Locale.ROOT, "{\"Action\":\"UPSERT\",\"ResourceRecordSet\":{\"Name\":\"%s\","
                + "\"Type\":\"%s\",\"SetIdentifier\":\"%s\",\"Weight\":%d,\"TTL\":%d,\"ResourceRecords\":"
                + "[{\"Value\":\"%s\"}]}}", r.name(), r.type(), r.setIdentifier(), weight, r.ttl(),
            r.values().get(0)));
      }
    }
    return "{\"Comment\":\"rollback by hand\",\"Changes\":[" + String.join(",", changes) + "]}";
  }

  /** Resets the pairs to 50/50, runs one command, and measures it. */
  private Sample once(HookedSandbox sandbox, Plan plan, List<String> cmd, String tag) throws Exception {
    List<Change> fiftyFifty = new ArrayList<>();
    for (RecordSet r : sandbox.route53.records(plan.zone())) {
      if (r.isWeighted()) {
        fiftyFifty.add(new Change(ChangeAction.UPSERT, r.withWeight(50)));
      }
    }
    sandbox.route53.changeResourceRecordSets(plan.zone(), "bench: 50/50", fiftyFifty);
    Path timeFile = dir.resolve(tag + ".time");
    List<String> timed = new ArrayList<>();
    if (Files.isExecutable(GNU_TIME)) {
      timed.addAll(List.of(GNU_TIME.toString(), "-f", "%U %S %M", "-o", timeFile.toString()));
    }
    timed.addAll(cmd);
    batchArrived = 0;
    long start = System.nanoTime();
    Process p = ChildJava.start(timed, dir.resolve(tag + ".log"));
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
      return new Sample(0, 0, -1, -1, -1);
    }
    long end = System.nanoTime();
    long seen = batchArrived;
    double cpu = -1;
    long rss = -1;
    if (Files.exists(timeFile)) {
      String[] f = lastLine(timeFile).trim().split("\\s+");
      cpu = Double.parseDouble(f[0]) + Double.parseDouble(f[1]);
      rss = Long.parseLong(f[2]);
    }
    return new Sample(seen == 0 ? 0 : seen - start, end - start, p.exitValue(), cpu, rss);
  }

  private static String lastLine(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    return sorted.isEmpty() ? -1 : sorted.get((sorted.size() - 1) / 2);
  }

  private static boolean onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String d : path.split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(d, program))) {
        return true;
      }
    }
    return false;
  }
}
