package dev.cutover.app;

import dev.cutover.cli.CliExit;
import dev.cutover.cli.CutoverCli;
import dev.cutover.cli.OptionValues;
import dev.cutover.domain.ExitCode;
import dev.cutover.sandbox.SandboxWorld;
import dev.cutover.sandbox.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code cutover demo}: a complete cutover against the embedded sandbox, no AWS account needed. */
@Command(name = "demo", description = "Run a complete cutover against the embedded sandbox: Route 53 and"
    + " CloudWatch on their real wire protocols, simulated Heroku and AWS traffic, time compressed. Exits with"
    + " the controller's exit code (0 for happy, 4 when a gate reverts).")
final class DemoCommand implements Callable<Integer> {
  @ParentCommand CutoverCli root;

  @Option(names = "--scenario", defaultValue = "happy", paramLabel = "NAME|FILE",
      description = "happy, aws-errors, latency, throttling, cloudwatch-outage, or a scenario YAML file"
          + " (default: ${DEFAULT-VALUE})")
  String scenario;

  @Option(names = "--speed", defaultValue = "60", paramLabel = "N", converter = OptionValues.Speed.class,
      description = "how many times faster than the wall the sandbox and the controller run, 1 to 1000"
          + " (default: ${DEFAULT-VALUE})")
  double speed;

  @Option(names = "--json", description = "one JSON event per line") boolean json;

  @Override
  public Integer call() throws Exception {
    Scenario s = Scenarios.load(scenario);
    Path state = root.options().stateDir() != null ? root.options().stateDir()
        : Files.createTempDirectory("cutover-demo-");
    var out = System.out;
    var outcome = SandboxRehearsal.run(SandboxWorld.demoPlan(), "config/demo.yaml", s, speed, state, json,
        "demo", out, System.err);
    SandboxRehearsal.report(outcome, speed, out, json);
    if (!json) {
      out.println("journal: " + state.resolve("demo").resolve("journal.jsonl")
          + "  (try another: ./cutover demo --scenario aws-errors)");
    }
    return outcome.result().exit().code();
  }
}
