package dev.cutover.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.domain.ChangeBatch;
import dev.cutover.domain.ChangeBatches;
import dev.cutover.domain.ExitCode;
import dev.cutover.domain.PairState;
import dev.cutover.domain.Plan;
import dev.cutover.domain.Split;
import dev.cutover.domain.Step;
import dev.cutover.engine.EventJson;
import dev.cutover.engine.Preflight;
import java.io.PrintStream;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code cutover plan PLAN}: the step table and the exact change batch the next step will send. Read-only. */
@Command(name = "plan", description = "Print the steps and the exact change batch the next step would send."
    + " Changes nothing.")
final class PlanCommand implements Callable<Integer> {
  @Mixin PlanInput plan;
  @ParentCommand CutoverCli root;
  @Option(names = "--json", description = "machine-readable output") boolean json;

  @Override
  public Integer call() throws Exception {
    Environment env = root.env();
    Plan p = plan.load(env.err(), json);
    Preflight.Report report = Await.result(new Preflight(env.dns(p), env.signals(p)).check(p, null));
    Optional<Split> current = report.split();
    Optional<Integer> next = current.flatMap(c -> nextStep(p, c));
    Optional<ChangeBatch> batch = next.flatMap(i -> ChangeBatches.shift(p.zone(), report.world(),
        p.step(i).split(), "cutover " + p.name() + ": step " + (i + 1) + " to " + p.step(i).split() + " AWS"));
    if (json) {
      printJson(env.out(), p, report, current, next, batch);
    } else {
      printText(env.out(), p, report, current, next, batch);
    }
    return report.passed() ? ExitCode.COMPLETED.code() : ExitCode.PREFLIGHT_FAILED.code();
  }

  static Optional<Integer> nextStep(Plan p, Split current) {
    for (int i = 0; i < p.steps().size(); i++) {
      if (p.step(i).split().compareTo(current) > 0) {
        return Optional.of(i);
      }
    }
    return Optional.empty();
  }

  private static void printText(PrintStream out, Plan p, Preflight.Report report, Optional<Split> current,
      Optional<Integer> next, Optional<ChangeBatch> batch) {
    out.println("plan " + p.name() + " — zone " + p.zone() + ", " + p.records().size() + " record pair(s), gates: "
        + Terminal.list(p.gates().alarms()) + " every " + ConsoleNotifier.human(p.gates().poll()));
    out.printf("%-5s %-6s %-8s %-7s %-10s %s%n", "step", "split", "heroku", "aws", "bake", "approval");
    for (int i = 0; i < p.steps().size(); i++) {
      Step s = p.step(i);
      String bake = ConsoleNotifier.human(p.bakeOf(i)) + (p.bakeOf(i).equals(s.bake()) ? "" : " (settle)");
      out.printf("%-5d %-6s %-8d %-7d %-10s %s%n", i + 1, s.split(), s.split().herokuWeight(),
          s.split().awsWeight(), bake, s.approval() ? "required" : "-");
    }
    out.println();
    for (PairState ps : report.world()) {
      out.println("now: " + Terminal.safe(ps.pair().label() + "  " + ps.weights()));
    }
    report.warnings().forEach(w -> out.println("warning: " + Terminal.safe(w)));
    if (!report.passed()) {
      out.println("preflight would fail (a run would change nothing):");
      report.problems().forEach(x -> out.println("  - " + Terminal.safe(x)));
      return;
    }
    if (next.isEmpty()) {
      out.println("every pair is at " + current.map(Split::toString).orElse("?") + ": no step left to run");
      return;
    }
    out.println("next: step " + (next.get() + 1) + " → " + p.step(next.get()).split()
        + " AWS, one change batch for zone " + p.zone() + " (all-or-nothing; DELETE must match exactly):");
    batch.ifPresent(b -> b.changes().forEach(c -> out.println("  " + Terminal.safe(c.toString()))));
  }

  private static void printJson(PrintStream out, Plan p, Preflight.Report report, Optional<Split> current,
      Optional<Integer> next, Optional<ChangeBatch> batch) throws Exception {
    ObjectNode root = EventJson.mapper().createObjectNode();
    root.put("plan", p.name());
    root.put("zone", p.zone());
    ArrayNode steps = root.putArray("steps");
    for (int i = 0; i < p.steps().size(); i++) {
      steps.addObject().put("step", i + 1).put("split", p.step(i).split().percent())
          .put("bakeSeconds", p.bakeOf(i).toSeconds()).put("approval", p.step(i).approval());
    }
    current.ifPresent(c -> root.put("currentSplit", c.percent()));
    next.ifPresent(n -> root.put("nextStep", n + 1));
    ArrayNode changes = root.putArray("nextChangeBatch");
    batch.ifPresent(b -> b.changes().forEach(c -> changes.addObject().put("action", c.action().name())
        .put("name", c.record().name()).put("type", c.record().type())
        .put("setIdentifier", c.record().setIdentifier()).put("weight", c.record().weight())
        .put("ttl", c.record().ttl()).put("values", String.join(",", c.record().values()))));
    root.set("problems", EventJson.mapper().valueToTree(report.problems()));
    root.set("warnings", EventJson.mapper().valueToTree(report.warnings()));
    out.println(EventJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root));
  }
}
