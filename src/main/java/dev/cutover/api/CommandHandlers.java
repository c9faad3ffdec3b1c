package dev.cutover.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.domain.OperatorCommand;
import dev.cutover.engine.Fleet;
import dev.cutover.engine.FleetRollback;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** What operators do: pause, resume (approve), promote, abort one cutover; roll back one, some or all. */
final class CommandHandlers {
  private final Fleet fleet;

  CommandHandlers(Fleet fleet) {
    this.fleet = fleet;
  }

  /** 202: the command is delivered; the cutover acts on it at its next tick (see its events). */
  void command(RoutingContext ctx, OperatorCommand.Kind kind) {
    String name = CutoverHandlers.name(ctx);
    String by = Authenticator.principal(ctx).name();
    OperatorCommand command = new OperatorCommand(kind, by, fleet.supervisor().now());
    fleet.command(name, command);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("plan", name);
    body.put("command", kind.name().toLowerCase(Locale.ROOT));
    body.put("by", by);
    body.put("at", command.at());
    body.put("note", "delivered; the cutover acts on it at its next tick: watch GET " + ApiRouter.BASE
        + "/cutovers/" + name + " or its stream");
    Json.send(ctx, 202, body);
  }

  void rollbackOne(RoutingContext ctx) {
    String name = CutoverHandlers.name(ctx);
    report(ctx, fleet.rollback(name, Authenticator.principal(ctx).name()));
  }

  /** {@code {"all": true}} or {@code {"labels": {"team": "payments"}}}; 400 for anything else. */
  void rollbackFleet(RoutingContext ctx) {
    JsonNode body;
    try {
      body = Json.mapper().readTree(ctx.body().asString("UTF-8"));
    } catch (IOException | RuntimeException e) {
      throw ApiError.badRequest("", "the body is not JSON", "send {\"all\": true} or {\"labels\": {\"team\":"
          + " \"payments\"}} with Content-Type application/json");
    }
    report(ctx, fleet.rollback(selector(body), Authenticator.principal(ctx).name()));
  }

  private static Map<String, String> selector(JsonNode body) {
    String fix = "send {\"all\": true} to roll back every plan here, or {\"labels\": {\"team\": \"payments\"}}"
        + " for the plans with all those labels";
    if (body == null || !body.isObject()) {
      throw ApiError.badRequest("", "the body must be a JSON object", fix);
    }
    boolean all = body.has("all");
    boolean labels = body.has("labels");
    if (all == labels) {
      throw ApiError.badRequest("", all ? "give either all or labels, not both" : "say which plans: neither all"
          + " nor labels is given", fix);
    }
    if (all) {
      if (!body.get("all").isBoolean() || !body.get("all").booleanValue()) {
        throw ApiError.badRequest("all", "all must be true, got " + body.get("all"), fix);
      }
      return Map.of();
    }
    JsonNode l = body.get("labels");
    if (!l.isObject() || l.isEmpty()) {
      throw ApiError.badRequest("labels", "labels must be a non-empty object of label values, got " + l, fix);
    }
    Map<String, String> selector = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = l.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isTextual()) {
        throw ApiError.badRequest("labels." + e.getKey(), "label " + e.getKey() + " must be a string, got "
            + e.getValue(), fix);
      }
      selector.put(e.getKey(), e.getValue().textValue());
    }
    return selector;
  }

  /** 200 with the report when every zone's revert was applied; 502 with it when one failed at AWS. */
  private static void report(RoutingContext ctx, Future<FleetRollback.Report> rollback) {
    rollback.onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
        return;
      }
      FleetRollback.Report r = ar.result();
      ObjectNode report = Json.mapper().valueToTree(r);
      report.put("allApplied", r.allApplied());
      if (r.allApplied()) {
        Json.send(ctx, 200, report);
        return;
      }
      ObjectNode body = Json.mapper().createObjectNode();
      body.put("error", "Route 53 refused or did not answer the revert of some zones (see report.zones[].error);"
          + " retry the rollback, or run `cutover rollback PLAN` from a machine with AWS access");
      body.putArray("problems");
      body.set("report", report);
      Json.send(ctx, 502, body);
    });
  }
}
