package dev.cutover.cli;

import dev.cutover.domain.CutoverEvent;
import dev.cutover.domain.Plan;
import dev.cutover.engine.EventJson;
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
    Environment env = root.env();
    Plan p = plan.load(env.err(), json);
    List<CutoverEvent> events = Await.result(env.store(p.name()).journal().readAll());
    ConsoleNotifier printer = new ConsoleNotifier(env.out(), json, p, plan.file.toString());
    if (events.isEmpty() && !json) {
      env.out().println("no journal yet for plan " + p.name());
    }
    inTimeOrder(events).forEach(printer::publish);
    return 0;
  }

  /**
   * By time, stable: the journal holds events in append order, and appends come from several clocks (a
   * rollback from another machine, a controller running a compressed rehearsal clock).
   */
  static List<CutoverEvent> inTimeOrder(List<CutoverEvent> events) {
    List<CutoverEvent> sorted = new java.util.ArrayList<>(events);
    sorted.sort(java.util.Comparator.comparing(CutoverEvent::at));
    return sorted;
  }
}
