package dev.cutover.api;

import dev.cutover.domain.OperatorCommand;
import dev.cutover.engine.Fleet;
import dev.cutover.port.Role;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The routes of the API under {@code /api/v1}, each with the role it needs, as the OpenAPI document
 * ({@code openapi.yaml} beside this class) describes them. Only {@code /healthz} is open; everything else, reads
 * included, needs a bearer token.
 */
final class ApiRouter {
  static final String BASE = "/api/v1";
  static final String OPENAPI = "openapi.yaml";
  private static final long BODY_LIMIT = 1024 * 1024;

  private ApiRouter() {}

  static Router create(Vertx vertx, Fleet fleet, Authenticator auth, EventStreams streams,
      Supplier<Optional<String>> notReady) {
    Router router = Router.router(vertx);
    CutoverHandlers cutovers = new CutoverHandlers(fleet);
    CommandHandlers commands = new CommandHandlers(fleet);
    Buffer openApi = openApi();

    router.route().handler(ctx -> {
      ctx.response().putHeader("Cache-Control", "no-store").putHeader("X-Content-Type-Options", "nosniff");
      ctx.next();
    });
    router.get(BASE + "/healthz").handler(ctx -> Json.send(ctx, 200, Map.of("status", "ok")));
    // the body is read before anything asynchronous runs, and never more than a plan file needs
    router.route(HttpMethod.POST, BASE + "/*").handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT));
    router.route(BASE + "/*").handler(auth.handler());

    router.get(BASE + "/readyz").handler(viewer()).handler(ctx -> notReady.get().ifPresentOrElse(
        why -> Failures.send(ctx, 503, "not ready: " + why, java.util.List.of()),
        () -> Json.send(ctx, 200, Map.of("status", "ready"))));
    router.get(BASE + "/" + OPENAPI).handler(viewer()).handler(ctx -> ctx.response()
        .putHeader("Content-Type", "application/yaml; charset=utf-8").end(openApi));

    router.get(BASE + "/cutovers").handler(viewer()).handler(cutovers::list);
    router.post(BASE + "/cutovers").handler(Authenticator.requires(Role.ADMIN)).handler(cutovers::submit);
    router.get(BASE + "/cutovers/:name").handler(viewer()).handler(cutovers::view);
    router.delete(BASE + "/cutovers/:name").handler(Authenticator.requires(Role.ADMIN)).handler(cutovers::forget);
    router.get(BASE + "/cutovers/:name/events").handler(viewer()).handler(cutovers::events);
    router.get(BASE + "/cutovers/:name/stream").handler(viewer()).handler(ctx -> cutovers.stream(ctx, streams));
    router.get(BASE + "/events").handler(viewer()).handler(ctx -> streams.subscribe(ctx, null));

    for (OperatorCommand.Kind kind : OperatorCommand.Kind.values()) {
      router.post(BASE + "/cutovers/:name/" + kind.name().toLowerCase(Locale.ROOT)).handler(operator())
          .handler(ctx -> commands.command(ctx, kind));
    }
    router.post(BASE + "/cutovers/:name/rollback").handler(operator()).handler(commands::rollbackOne);
    router.post(BASE + "/rollback").handler(operator()).handler(commands::rollbackFleet);

    router.route().failureHandler(Failures::handle);
    for (int status : new int[] {400, 404, 405, 413, 415}) {
      router.errorHandler(status, ctx -> Failures.send(ctx, status, Failures.generic(status), java.util.List.of()));
    }
    router.errorHandler(500, Failures::handle);
    return router;
  }

  private static Handler<RoutingContext> viewer() {
    return Authenticator.requires(Role.VIEWER);
  }

  private static Handler<RoutingContext> operator() {
    return Authenticator.requires(Role.OPERATOR);
  }

  /** The hand-written OpenAPI 3 document of this API. */
  static Buffer openApi() {
    try (InputStream in = ApiRouter.class.getResourceAsStream(OPENAPI)) {
      if (in == null) {
        throw new IllegalStateException("the jar lacks dev/cutover/api/" + OPENAPI);
      }
      return Buffer.buffer(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
