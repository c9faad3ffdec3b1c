package dev.cutover.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.domain.CutoverEvent;
import dev.cutover.domain.ExitCode;
import dev.cutover.domain.GateReading;
import dev.cutover.domain.PairState;
import dev.cutover.domain.Plan;
import dev.cutover.engine.EventJson;
import dev.cutover.engine.PlanStatus;
import dev.cutover.port.JournalDamagedException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code cutover status PLAN}: actual weights per record, each gate's state, and the journal's last word. */
@Command(name = "status", description = "Show the actual weights of every record, each gate's state, and whether"
    + " a controller is running.")
final class StatusCommand implements Callable<Integer> {
  @Mixin PlanInput plan;
  @ParentCommand CutoverCli root;
  @Option(names = "--json", description = "machine-readable output") boolean json;

  @Override
  public Integer call() throws Exception {
    ServerClient server = root.server();
    if (server != null) {
      return ServerCommands.status(server, plan.name(root.env().err()), json, root.env().out());
    }
    Environment env = root.env();
    Plan p = plan.load(env.err(), json);
    PlanStatus status = Await.result(PlanStatus.read(p, env.dns(p), env.signals(p), env.store(p.name())));
    List<PairState> pairs = status.weights();
    List<GateReading> readings = status.gates();
    boolean live = status.controllerRunning();
    JournalDamagedException damage = status.damage();
    CutoverEvent last = status.last();
    boolean unfinished = status.unfinished();
    if (json) {
      ObjectNode root = EventJson.mapper().createObjectNode();
      root.put("plan", p.name());
      root.put("controllerRunning", live);
      if (damage == null) {
        root.put("unfinishedCutover", unfinished);
      } else {
        root.putNull("unfinishedCutover"); // the journal cannot tell
        root.set("journalDamage", JournalDamage.toJson(damage));
      }
      var recs = root.putArray("records");
      for (PairState ps : pairs) {
        ObjectNode r = recs.addObject().put("name", ps.pair().name()).put("type", ps.pair().type());
        r.put("herokuWeight", ps.heroku() == null ? null : ps.heroku().weight());
        r.put("awsWeight", ps.aws() == null ? null : ps.aws().weight());
        ps.split().ifPresent(s -> r.put("split", s.percent()));
      }
      var g = root.putArray("gates");
      readings.forEach(r -> g.addObject().put("alarm", r.gate()).put("verdict", r.verdict().name())
          .put("detail", r.detail()));
      if (last != null) {
        root.set("lastEvent", EventJson.toTree(last));
      }
      env.out().println(EventJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root));
      return damage == null ? 0 : ExitCode.PREFLIGHT_FAILED.code();
    }
    var out = env.out();
    out.println("plan " + p.name() + " (zone " + p.zone() + ")  controller: "
        + (live ? "RUNNING" : "not running") + (damage != null ? " — journal damaged: see below"
            : unfinished && !live ? " — unfinished cutover: `cutover run " + Terminal.safe(plan.file.toString())
                + "` resumes it" : ""));
    for (PairState ps : pairs) {
      out.println("  " + Terminal.safe(ps.pair().label() + "  " + ps.weights()) + "  → "
          + ps.split().map(s -> s + " AWS").orElse("no valid split"));
    }
    for (GateReading r : readings) {
      out.println("  gate " + Terminal.safe(r.gate()) + ": " + r.verdict() + " (" + Terminal.safe(r.detail()) + ")");
    }
    if (last != null) {
      out.println("  last journal event: " + last.type() + " at " + last.at());
    }
    if (damage != null) { // part of the status, after the world it must never hide
      out.println(damage.getMessage());
      return ExitCode.PREFLIGHT_FAILED.code();
    }
    return 0;
  }
}
