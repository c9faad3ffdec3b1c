package dev.cutover.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.domain.CutoverEvent;
import dev.cutover.domain.GateReading;
import dev.cutover.domain.PairState;
import dev.cutover.engine.CutoverView;
import dev.cutover.engine.EventJson;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code status}, {@code history} and the operator commands do against {@code cutover serve}: the same
 * questions, answered by the server that runs the cutover, rendered as the local commands render them.
 */
final class ServerCommands {
  private ServerCommands() {}

  static int status(ServerClient server, String plan, boolean json, PrintStream out) throws IOException {
    JsonNode body = server.get("/cutovers/" + ServerClient.segment(plan));
    if (json) {
      out.println(EventJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(body));
      return 0;
    }
    CutoverView v = EventJson.mapper().treeToValue(body, CutoverView.class);
    out.println("plan " + Terminal.safe(v.plan()) + " (zone " + Terminal.safe(v.zone()) + ") on "
        + server.base() + ": " + v.phase() + (v.step() >= 0 ? ", step " + (v.step() + 1) + "/" + v.steps().size()
            + " (" + v.split() + " AWS" + (v.target() != null && !v.target().equals(v.split()) ? ", shifting to "
                + v.target() : "") + ")" : "") + ", started by " + Terminal.safe(v.startedBy()));
    if (v.bake() != null) {
      out.println("  bake: " + ConsoleNotifier.human(v.bake().baked()) + " of "
          + ConsoleNotifier.human(v.bake().required()) + " healthy (settle " + ConsoleNotifier.human(v.bake().settle())
          + "), " + (v.bake().running() ? "clock running" : "clock held"));
    }
    for (PairState ps : v.weights() == null ? List.<PairState>of() : v.weights()) {
      out.println("  " + Terminal.safe(ps.pair().label() + "  " + ps.weights()) + "  → "
          + ps.split().map(s -> s + " AWS").orElse("no valid split"));
    }
    for (GateReading r : v.gates() == null ? List.<GateReading>of() : v.gates()) {
      out.println("  gate " + Terminal.safe(r.gate()) + ": " + r.verdict() + " (" + Terminal.safe(r.detail()) + ")");
    }
    if (!v.nextChanges().isEmpty()) {
      out.println("  next change batch:");
      v.nextChanges().forEach(c -> out.println("    " + Terminal.safe(c)));
    }
    if (v.exitCode() != null) {
      out.println("  ended with exit " + v.exitCode() + ": " + Terminal.safe(v.message()));
    }
    return 0;
  }

  /** The plan's journal from the server, oldest first. */
  static List<CutoverEvent> history(ServerClient server, String plan) {
    JsonNode body = server.get("/cutovers/" + ServerClient.segment(plan) + "/events");
    List<CutoverEvent> events = new ArrayList<>();
    body.path("events").forEach(e -> events.add(EventJson.fromJson(e.toString())));
    return events;
  }

  /** POST /cutovers/{plan}/rollback: the server reverts the plan's zone at once and aborts the cutover. */
  static int rollback(ServerClient server, String plan, PrintStream out) {
    JsonNode report = server.post("/cutovers/" + ServerClient.segment(plan) + "/rollback", null);
    return printRollback(report, out);
  }

  /** POST /rollback: every cutover of the server (or those with the labels), one UPSERT batch per zone. */
  static int fleetRollback(ServerClient server, boolean all, java.util.Map<String, String> labels, PrintStream out) {
    var body = EventJson.mapper().createObjectNode();
    if (all) {
      body.put("all", true);
    } else {
      var l = body.putObject("labels");
      labels.forEach(l::put);
    }
    return printRollback(server.post("/rollback", body.toString()), out);
  }

  private static int printRollback(JsonNode report, PrintStream out) {
    int failed = 0;
    for (JsonNode zone : report.path("zones")) {
      String plans = Terminal.safe(zone.path("plans").toString());
      if (!zone.path("error").isNull() && !zone.path("error").isMissingNode()) {
        failed++;
        out.println("zone " + Terminal.safe(zone.path("zone").asText()) + " " + plans + ": FAILED: "
            + Terminal.safe(zone.path("error").asText()));
      } else if (zone.path("changeId").isNull() || zone.path("changeId").isMissingNode()) {
        out.println("zone " + Terminal.safe(zone.path("zone").asText()) + " " + plans
            + ": already 100% Heroku, nothing to change");
      } else {
        out.println("zone " + Terminal.safe(zone.path("zone").asText()) + " " + plans + ": change "
            + Terminal.safe(zone.path("changeId").asText()) + " submitted, every pair to 100% Heroku by UPSERT");
      }
      zone.path("warnings").forEach(w -> out.println("  warning: " + Terminal.safe(w.asText())));
    }
    return failed == 0 ? 0 : dev.cutover.domain.ExitCode.PREFLIGHT_FAILED.code();
  }

  /** POST /cutovers/{plan}/{command}: delivered to the running cutover. */
  static int command(ServerClient server, String plan, String command, PrintStream out) {
    server.post("/cutovers/" + ServerClient.segment(plan) + "/" + command, null);
    out.println(command + " sent to " + Terminal.safe(plan) + " on " + server.base() + "; it acts at its next tick"
        + " (see `cutover status " + Terminal.safe(plan) + " --server " + server.base() + "`)");
    return 0;
  }
}
