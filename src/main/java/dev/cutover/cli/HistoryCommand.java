package dev.cutover.cli;

import dev.cutover.domain.CutoverEvent;
import dev.cutover.domain.ExitCode;
import dev.cutover.domain.Plan;
import dev.cutover.engine.PlanHistory;
import dev.cutover.port.JournalDamagedException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code cutover history PLAN}: the journal, readable (or raw JSON lines). */
@Command(name = "history", description = "Print the plan's journal: every cutover, decision and Route 53 change.")
final class HistoryCommand implements Callable<Integer> {
  @Mixin PlanInput plan;
  @ParentCommand CutoverCli root;
  @Option(names = "--json", description = "raw JSON lines") boolean json;

  @Override
  public Integer call() {
    ServerClient server = root.server();
    if (server != null) {
      return fromServer(server);
    }
    Environment env = root.env();
    Plan p = plan.load(env.err(), json);
    PlanHistory history = Await.result(PlanHistory.read(env.store(p.name())));
    JournalDamagedException damage = history.damage();
    List<CutoverEvent> events = history.events();
    ConsoleNotifier printer = new ConsoleNotifier(env.out(), json, p, plan.file.toString());
    if (events.isEmpty() && damage == null && !json) {
      env.out().println("no journal yet for plan " + p.name());
    }
    events.forEach(printer::publish);
    if (damage != null) { // what could be read comes first, then where it stops and why
      env.out().flush();
      env.err().println(damage.getMessage());
      return ExitCode.PREFLIGHT_FAILED.code();
    }
    return 0;
  }

  /** The journal as the server has it: rendered with the local plan file when there is one, else as JSON lines. */
  private int fromServer(ServerClient server) {
    var out = root.env().out();
    List<CutoverEvent> events = PlanHistory.inTimeOrder(ServerCommands.history(server,
        plan.name(root.env().err())));
    if (java.nio.file.Files.exists(plan.file) && !json) {
      ConsoleNotifier printer = new ConsoleNotifier(out, false, PlanInput.load(plan.file, null),
          plan.file.toString());
      events.forEach(printer::publish);
    } else {
      events.forEach(e -> out.println(dev.cutover.engine.EventJson.toJson(e)));
    }
    return 0;
  }
}
