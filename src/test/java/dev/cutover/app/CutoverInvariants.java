package dev.cutover.app;

import dev.cutover.domain.CutoverEvent;
import dev.cutover.sandbox.route53.ChangeAction;
import dev.cutover.sandbox.route53.ChangeEvent;
import dev.cutover.sandbox.route53.RecordSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a cutover keeps however its controllers die, are killed or replaced (the crash and failover tests): after
 * every change Route 53 commits, no pair is all-zero and the pairs of a zone (one plan's) stand at one split; in
 * the journal, steps complete in order, each after a full bake that started after the last resume; forward change
 * batches follow the plan's splits without a gap.
 */
final class CutoverInvariants {
  private final AtomicInteger allZero = new AtomicInteger();
  private final AtomicInteger halfShifted = new AtomicInteger();

  private CutoverInvariants() {}

  /** Checks the zone of every change the sandbox commits from now on. */
  static CutoverInvariants watch(SandboxFixture sandbox) {
    CutoverInvariants invariants = new CutoverInvariants();
    sandbox.route53.onChange(change -> invariants.afterChange(sandbox, change));
    return invariants;
  }

  /** Changes after which a pair had both weights at 0. */
  int allZero() {
    return allZero.get();
  }

  /** Changes after which a pair's weights did not add up to 100, or the zone's pairs stood at different splits. */
  int halfShifted() {
    return halfShifted.get();
  }

  private void afterChange(SandboxFixture sandbox, ChangeEvent change) {
    Map<String, long[]> pairs = new TreeMap<>();
    for (RecordSet r : sandbox.route53.records(change.zoneId())) {
      if (r.setIdentifier() != null && r.weight() != null) {
        long[] w = pairs.computeIfAbsent(r.name(), n -> new long[] {-1, -1});
        w[r.setIdentifier().equals("heroku") ? 0 : 1] = r.weight();
      }
    }
    Set<Long> splits = new HashSet<>();
    for (long[] w : pairs.values()) {
      if (w[0] == 0 && w[1] == 0) {
        allZero.incrementAndGet();
      }
      if (w[0] >= 0 && w[1] >= 0) {
        if (w[0] + w[1] != 100) {
          halfShifted.incrementAndGet();
        }
        splits.add(w[1]);
      }
    }
    if (pairs.size() > 1 && splits.size() > 1) {
      halfShifted.incrementAndGet();
    }
  }

  /**
   * No bake skipped: steps complete in order (a step may complete twice, when a restart bakes the live step again),
   * each at least its full bake ({@code bakes}, per step) after a {@code bake-started} of that step journalled after
   * the last {@code resumed}: time baked before a crash never counts.
   */
  static List<String> noBakeSkipped(List<CutoverEvent> journal, List<Duration> bakes) {
    List<String> problems = new ArrayList<>();
    CutoverEvent.BakeStarted[] started = new CutoverEvent.BakeStarted[bakes.size()];
    int completed = -1;
    for (CutoverEvent e : journal) {
      if (e instanceof CutoverEvent.Resumed) {
        java.util.Arrays.fill(started, null);
      } else if (e instanceof CutoverEvent.BakeStarted b) {
        started[b.step()] = b;
      } else if (e instanceof CutoverEvent.StepCompleted s) {
        if (s.step() != completed + 1 && s.step() != completed) {
          problems.add("step " + (s.step() + 1) + " completed after step " + (completed + 1) + ": a step skipped");
        }
        completed = s.step();
        CutoverEvent.BakeStarted b = started[s.step()];
        if (b == null || Duration.between(b.at(), s.at()).compareTo(bakes.get(s.step())) < 0) {
          problems.add("step " + (s.step() + 1) + " completed without a full bake since its last bake start"
              + " after the last resume");
        }
      }
    }
    return problems;
  }

  /** The forward change batches of the zone (comments with ": step "), in order, follow {@code splits} without a gap. */
  static List<String> forwardStepsInOrder(SandboxFixture sandbox, String zoneId, List<Long> splits) {
    List<Long> forward = new ArrayList<>();
    synchronized (sandbox.changes) {
      for (ChangeEvent c : sandbox.changes) {
        if (c.zoneId().equals(zoneId) && c.comment() != null && c.comment().contains(": step ")) {
          long aws = c.changes().stream().filter(x -> x.action() == ChangeAction.CREATE
              && x.record().setIdentifier().equals("aws")).findFirst().orElseThrow().record().weight();
          if (forward.isEmpty() || forward.get(forward.size() - 1) != aws) {
            forward.add(aws);
          }
        }
      }
    }
    return splits.subList(0, Math.min(forward.size(), splits.size())).equals(forward) ? List.of()
        : List.of("forward steps out of order or skipped: " + forward);
  }
}
