package dev.cutover.app;

import dev.cutover.cli.CutoverCli;
import dev.cutover.cli.OptionValues;
import dev.cutover.cli.PlanInput;
import dev.cutover.domain.Plan;
import dev.cutover.sandbox.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code cutover rehearse PLAN}: builds a sandbox from the plan (its zone id, records, alarms), runs the plan
 * against it with faults, and reports what would have happened and when. Touches no AWS account and none of
 * the plan's real state: the rehearsal's journal lives in a temporary directory.
 */
@Command(name = "rehearse", description = "Rehearse a plan against a sandbox built from it (its zone,"
    + " records and alarms) with simulated traffic and faults, in compressed time; report what would have"
    + " happened and when. Touches no AWS account.")
final class RehearseCommand implements Callable<Integer> {
  @ParentCommand CutoverCli root;

  @Parameters(index = "0", paramLabel = "PLAN", description = "the plan file to rehearse") Path file;

  @Option(names = "--scenario", defaultValue = "happy", paramLabel = "NAME|FILE",
      description = "a built-in scenario (happy, aws-errors, latency, throttling, cloudwatch-outage) or a"
          + " scenario YAML file (default: ${DEFAULT-VALUE})")
  String scenario;

  @Option(names = "--speed", paramLabel = "N", converter = OptionValues.Speed.class, description = "time"
      + " compression, 1 to 1000 (default: so that the plan takes about a minute of wall time, at least 10×)")
  Double speed;

  @Option(names = "--json", description = "one JSON event per line") boolean json;

  @Override
  public Integer call() throws Exception {
    Plan plan = PlanInput.load(file, json ? null : System.err);
    Scenario s = Scenarios.load(scenario);
    double x = speed != null ? speed : autoSpeed(plan);
    Path state = Files.createTempDirectory("cutover-rehearsal-");
    var outcome = SandboxRehearsal.run(plan, file.toString(), s, x, state, json, "rehearsal", System.out,
        System.err);
    SandboxRehearsal.report(outcome, x, System.out, json);
    return outcome.result().exit().code();
  }

  /** Enough compression that every bake plus INSYNC and settle fits in about a minute of wall time. */
  static double autoSpeed(Plan plan) {
    Duration total = Duration.ZERO;
    for (int i = 0; i < plan.steps().size(); i++) {
      total = total.plus(plan.bakeOf(i)).plus(Duration.ofSeconds(80));
    }
    return Math.min(600, Math.max(10, Math.ceil(total.toSeconds() / 60.0)));
  }
}
