package dev.cutover.bench;

import dev.cutover.domain.CutoverEvent;
import dev.cutover.domain.Plan;
import dev.cutover.journal.FileJournal;
import dev.cutover.plan.PlanLoader;
import dev.cutover.sandbox.SandboxWorld;
import dev.cutover.sandbox.cloudwatch.StateValue;
import dev.cutover.sandbox.route53.RecordSet;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Alarm → revert reaction of the real controller ({@code cutover run}, in this JVM, its own Vert.x, wall time) with
 * poll 1 s against a hooked sandbox. Per trial: the plan bakes at 5% (30 m bake), at a uniformly random moment in
 * a poll interval the gate alarm is set to ALARM in the model, and the benchmark takes
 * <ul>
 *   <li>t0: the first CloudWatch response whose headers leave the sandbox while the alarm is in ALARM (the state is
 *       read when the headers go out, so a response built just before the flip may count: conservative, it can
 *       only make t0 earlier);
 *   <li>t1: the arrival (first route, before the body is read) of the next ChangeResourceRecordSets, the revert.
 * </ul>
 * Several lanes (each its own sandbox port, alarm and plan) run at once so 60 trials fit in about a minute and a half.
 *
 * <p>With {@code stalledRoute53} (README, "Gates run on their own clock"), every Route 53 request is parked
 * unanswered from the start of the bake, and t1 is instead the moment the revert intent is in the journal (the
 * decision; the revert itself can only land once Route 53 answers, which it then does).
 */
final class ReactionBench {
  static final Duration POLL = Duration.ofSeconds(1);
  static final Duration SLACK = Duration.ofMillis(200);

  private static final String PLAN = """
      name: @PLAN@
      zone: ZONE
      settle: 0s
      records:
        - { name: api.@PLAN@.example.com., type: CNAME, heroku: heroku, aws: aws }
      steps:
        - { split: 5, bake: 30m }
        - { split: 100, bake: 1m }
      gates:
        alarms: [@PLAN@-5xx-rate]
        poll: 1s
        unknownLimit: 3
      """;

  private final Path dir;
  private final int trials;
  private final int lanes;
  private final boolean stalledRoute53;

  ReactionBench(Path dir, int trials, int lanes, boolean stalledRoute53) {
    this.dir = dir;
    this.trials = trials;
    this.lanes = lanes;
    this.stalledRoute53 = stalledRoute53;
  }

  private String name() {
    return stalledRoute53 ? "reaction-stalled" : "reaction";
  }

  Figure run() throws Exception {
    Vertx vertx = Vertx.vertx();
    ExecutorService pool = Executors.newFixedThreadPool(lanes);
    List<Long> reactions = Collections.synchronizedList(new ArrayList<>());
    List<Long> flipToRevert = Collections.synchronizedList(new ArrayList<>());
    List<String> failures = Collections.synchronizedList(new ArrayList<>());
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int l = 0; l < lanes; l++) {
        int lane = l;
        int mine = trials / lanes + (lane < trials % lanes ? 1 : 0);
        running.add(pool.submit(() -> {
          try (HookedSandbox sandbox = new HookedSandbox(vertx, Duration.ofMillis(50))) {
            new Lane(sandbox, lane).trials(mine, reactions, flipToRevert, failures);
          } catch (Exception e) {
            failures.add("lane " + lane + ": " + e);
          }
          return null;
        }));
      }
      for (Future<?> f : running) {
        f.get(170, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    failures.forEach(f -> System.out.println("  reaction: FAILED TRIAL " + f));
    Stats s = new Stats(reactions);
    Stats upper = new Stats(flipToRevert);
    long target = POLL.plus(SLACK).toNanos();
    System.out.printf(Locale.ROOT, "%s: n=%d (%d lanes), alarm first answered → %s:"
            + " p50 %s p90 %s p99 %s max %s%n", name(), s.n(), lanes, decision(), Stats.preciseSeconds(s.percentile(50)),
        Stats.preciseSeconds(s.percentile(90)), Stats.preciseSeconds(s.percentile(99)), Stats.preciseSeconds(s.max()));
    System.out.printf(Locale.ROOT, "%s: upper bound setAlarmState → %s:"
            + " p50 %s p99 %s max %s%n", name(), decision(), Stats.preciseSeconds(upper.percentile(50)),
        Stats.preciseSeconds(upper.percentile(99)), Stats.preciseSeconds(upper.max()));
    // judged on both: from the first ALARM answer (what the issue asks) and from the flip itself (upper bound)
    System.out.printf(Locale.ROOT, "%s: slowest 5 from the answer %s; from the flip %s%n", name(), slowest(s),
        slowest(upper));
    boolean pass = s.n() >= 50 && failures.isEmpty() && s.percentile(99) <= target && upper.percentile(99) <= target;
    return new Figure(name(), String.format(Locale.ROOT, "p99 %s p50 %s (n=%d, poll 1 s); from the flip: p99 %s",
        Stats.preciseSeconds(s.percentile(99)), Stats.preciseSeconds(s.percentile(50)), s.n(),
        Stats.preciseSeconds(upper.percentile(99))), "<= " + Stats.preciseSeconds(target) + " both, n>=50",
        Figure.verdict(pass));
  }

  private String decision() {
    return stalledRoute53 ? "revert intent journalled (Route 53 stalled)" : "revert batch received";
  }

  private static String slowest(Stats s) {
    List<String> top = new ArrayList<>();
    for (int i = 0; i < Math.min(5, s.n()); i++) {
      top.add(Stats.preciseSeconds(s.percentile(100.0 * (s.n() - i) / s.n())));
    }
    return top.toString();
  }

  static Plan load(Path planFile) {
    var load = new PlanLoader().load(planFile);
    return load.plan().orElseThrow(() -> new IllegalStateException("bench plan " + planFile + ": "
        + load.problems()));
  }

  /** One sandbox, one plan, trials one after the other. */
  private final class Lane {
    private final HookedSandbox sandbox;
    private final String name;
    private final String alarm;
    private final SplittableRandom random;
    private volatile boolean armed;
    private volatile long firstAlarmAnswer;
    private volatile long revertArrived;

    Lane(HookedSandbox sandbox, int lane) {
      this.sandbox = sandbox;
      this.name = (stalledRoute53 ? "stall" : "react") + lane;
      this.alarm = name + "-5xx-rate";
      this.random = new SplittableRandom(42 + lane);
      sandbox.watcher = (ctx, arrived) -> {
        if (!armed) {
          return;
        }
        if (HookedSandbox.isRevertOrShift(ctx)) {
          if (revertArrived == 0 && !stalledRoute53) {
            revertArrived = arrived;
          }
        } else if (HookedSandbox.isCloudWatch(ctx)) {
          ctx.addHeadersEndHandler(v -> {
            if (firstAlarmAnswer == 0 && sandbox.cloudWatch.alarm(alarm).orElseThrow().status().value()
                == StateValue.ALARM) {
              firstAlarmAnswer = System.nanoTime();
            }
          });
        }
      };
    }

    void trials(int n, List<Long> reactions, List<Long> upper, List<String> failures) throws Exception {
      String zone = String.format("Z0BENCHREACT%08d", name.hashCode() & 0xffffff);
      for (int t = 0; t < n; t++) {
        Path trialDir = Files.createDirectories(dir.resolve(name + "-" + t));
        Path planFile = Files.writeString(trialDir.resolve("plan.yaml"),
            PLAN.replace("@PLAN@", name).replace("ZONE", zone));
        Plan plan = load(planFile);
        SandboxWorld.build(plan, sandbox.route53, sandbox.cloudWatch);
        sandbox.cloudWatch.setAlarmState(alarm, StateValue.OK, "bench reset", null);
        armed = false;
        firstAlarmAnswer = 0;
        revertArrived = 0;
        Path state = trialDir.resolve("state");
        Future<InProcessCli.Run> run = CompletableFuture.supplyAsync(
            () -> InProcessCli.run(sandbox.endpoint, state, "run", planFile.toString()), Benchmarks::daemon);
        if (!awaitBake(state.resolve(name).resolve("journal.jsonl"), run)) {
          failures.add(name + " trial " + t + ": never started baking: " + describe(run));
          continue;
        }
        Path journal = state.resolve(name).resolve("journal.jsonl");
        if (stalledRoute53) {
          sandbox.hold = HookedSandbox::isRoute53;
          Thread.sleep(2 * POLL.toMillis()); // the weights reads are hanging now
        }
        Thread.sleep(random.nextLong(POLL.toMillis()));
        armed = true;
        long flipped = System.nanoTime();
        sandbox.cloudWatch.setAlarmState(alarm, StateValue.ALARM, "bench: gate tripped", null);
        if (stalledRoute53) {
          revertArrived = awaitIntent(journal);
          sandbox.release();
        }
        InProcessCli.Run r = run.get(60, TimeUnit.SECONDS);
        long[] w = weights(zone, plan);
        if (r.exit() != 4 || w[0] != 100 || w[1] != 0 || firstAlarmAnswer == 0 || revertArrived == 0) {
          failures.add(name + " trial " + t + ": exit " + r.exit() + ", weights " + w[0] + "/" + w[1]
              + ", answered " + (firstAlarmAnswer != 0) + ", revert seen " + (revertArrived != 0) + "\n" + r.err());
          continue;
        }
        reactions.add(revertArrived - firstAlarmAnswer);
        upper.add(revertArrived - flipped);
      }
    }

    /** When the revert intent appears in the journal (polled every 2 ms), or 0 after 20 s. */
    private long awaitIntent(Path journal) throws Exception {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (System.nanoTime() < deadline) {
        if (FileJournal.read(journal).stream().anyMatch(e -> e instanceof CutoverEvent.RevertIntent)) {
          return System.nanoTime();
        }
        Thread.sleep(2);
      }
      return 0;
    }

    private boolean awaitBake(Path journal, Future<InProcessCli.Run> run) throws Exception {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (System.nanoTime() < deadline && !run.isDone()) {
        if (Files.exists(journal) && FileJournal.read(journal).stream()
            .anyMatch(e -> e instanceof CutoverEvent.BakeStarted)) {
          return true;
        }
        Thread.sleep(10);
      }
      return false;
    }

    private String describe(Future<InProcessCli.Run> run) {
      try {
        InProcessCli.Run r = run.get(1, TimeUnit.SECONDS);
        return "exit " + r.exit() + "\n" + r.out() + r.err();
      } catch (Exception e) {
        run.cancel(true);
        return "still running";
      }
    }

    private long[] weights(String zone, Plan plan) {
      long[] w = {-1, -1};
      for (RecordSet r : sandbox.route53.records(zone)) {
        if (r.setIdentifier() != null && r.name().equals(plan.records().get(0).name())) {
          w[r.setIdentifier().equals("heroku") ? 0 : 1] = r.weight();
        }
      }
      return w;
    }
  }
}
