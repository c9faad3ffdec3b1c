package dev.cutover.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.domain.Phase;
import dev.cutover.engine.CutoverView;
import dev.cutover.engine.EventJson;
import dev.cutover.engine.Fleet;
import dev.cutover.plan.PlanLoad;
import dev.cutover.plan.PlanLoader;
import dev.cutover.plan.PlanProblem;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The cutovers as resources: list, one, its journal; submit a plan (admin), forget an ended one (admin). */
final class CutoverHandlers {
  private static final Pattern NAME = Pattern.compile("[a-z0-9-]{1,64}");
  private static final Set<String> YAML = Set.of("application/yaml", "application/x-yaml", "text/yaml",
      "text/x-yaml");
  /** What {@code ?phase=} may be: the engine's phases, and STARTING / ENDED before a run starts or after it. */
  static final Set<String> PHASES = new TreeSet<>(Stream.concat(Arrays.stream(Phase.values()).map(Phase::name),
      Stream.of("STARTING", "ENDED")).toList());

  private final Fleet fleet;
  private final PlanLoader loader = new PlanLoader();

  CutoverHandlers(Fleet fleet) {
    this.fleet = fleet;
  }

  void list(RoutingContext ctx) {
    Map<String, String> labels = labels(ctx.queryParam("label"));
    List<String> phases = ctx.queryParam("phase").stream().map(p -> p.trim().toUpperCase(Locale.ROOT)).toList();
    for (String p : phases) {
      if (!PHASES.contains(p)) {
        throw ApiError.badRequest("phase", "phase `" + p + "` is not a phase of a cutover",
            "use one of " + String.join(", ", PHASES));
      }
    }
    List<CutoverView> views = fleet.list().stream()
        .filter(v -> phases.isEmpty() || phases.contains(v.phase()))
        .filter(v -> fleet.supervisor().entry(v.plan()).map(e -> e.plan().hasLabels(labels)).orElse(false))
        .toList();
    Json.send(ctx, 200, Map.of("cutovers", views));
  }

  private static Map<String, String> labels(List<String> params) {
    Map<String, String> labels = new LinkedHashMap<>();
    for (String p : params) {
      int eq = p.indexOf('=');
      if (eq <= 0) {
        throw ApiError.badRequest("label", "label filter `" + p + "` is not KEY=VALUE",
            "write ?label=team=payments (repeat label to require several)");
      }
      labels.put(p.substring(0, eq), p.substring(eq + 1));
    }
    return labels;
  }

  void view(RoutingContext ctx) {
    String name = name(ctx);
    Json.send(ctx, 200, fleet.view(name).orElseThrow(() -> unknown(name)));
  }

  /** One cutover's event stream: 404 unless the plan is known here. */
  void stream(RoutingContext ctx, EventStreams streams) {
    String name = name(ctx);
    if (fleet.view(name).isEmpty()) {
      throw unknown(name);
    }
    streams.subscribe(ctx, name);
  }

  private static ApiError unknown(String name) {
    return ApiError.notFound("no plan named " + name + " here; GET /api/v1/cutovers lists them");
  }

  void events(RoutingContext ctx) {
    String name = name(ctx);
    fleet.events(name).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
        return;
      }
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("plan", name);
      body.put("events", ar.result().stream().map(EventJson::toTree).toList());
      Json.send(ctx, 200, body);
    });
  }

  void submit(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    String mime = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    if (!YAML.contains(mime)) {
      throw ApiError.of(415, "the body must be the plan's YAML with Content-Type application/yaml (or"
          + " text/yaml), not " + (type == null ? "no content type" : type));
    }
    String yaml = ctx.body().asString("UTF-8");
    PlanLoad load = loader.parse(yaml, "the request body");
    if (load.plan().isEmpty()) {
      throw ApiError.badRequest("the plan has " + load.errors().size() + " error(s); fix them and submit again"
          + " (`cutover validate FILE` prints the same)", problems(load.problems()));
    }
    fleet.submit(load.plan().get(), yaml, Authenticator.principal(ctx).name()).onSuccess(view -> {
      ObjectNode body = Json.mapper().createObjectNode();
      body.set("cutover", Json.mapper().valueToTree(view));
      body.set("warnings", Json.mapper().valueToTree(problems(load.warnings())));
      ctx.response().putHeader("Location", ApiRouter.BASE + "/cutovers/" + view.plan());
      Json.send(ctx, 201, body);
    }).onFailure(ctx::fail);
  }

  private static List<ApiError.Problem> problems(List<PlanProblem> problems) {
    return problems.stream().map(p -> new ApiError.Problem(p.path(), p.message(), p.fix(),
        p.severity().name().toLowerCase(Locale.ROOT))).toList();
  }

  void forget(RoutingContext ctx) {
    fleet.forget(name(ctx));
    ctx.response().setStatusCode(204).end();
  }

  /** The {@code {name}} of the path: a plan name, else 400 (no plan can have it). */
  static String name(RoutingContext ctx) {
    String name = ctx.pathParam("name");
    if (name == null || !NAME.matcher(name).matches()) {
      throw ApiError.badRequest("name", "`" + name + "` is not a plan name (1 to 64 lowercase letters, digits and"
          + " hyphens)", "use the name: of the plan, as GET /api/v1/cutovers lists it");
    }
    return name;
  }
}
