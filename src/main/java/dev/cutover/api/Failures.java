package dev.cutover.api;

import dev.cutover.engine.SupervisorException;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every failure of a request becomes a JSON error with a fitting status, never a stack trace: refusals of the
 * supervisor (404 unknown plan, 409 conflict) with their message, the API's own {@link ApiError}s, Vert.x Web's
 * (413 body too large, 404 no such route, 405 wrong method), and anything else as a 500 whose reference is in the
 * server log next to the stack trace.
 */
final class Failures {
  private static final Logger log = LoggerFactory.getLogger(Failures.class);

  private Failures() {}

  static void handle(RoutingContext ctx) {
    if (ctx.response().headWritten()) {
      log.warn("{} {} failed after its response started: {}", ctx.request().method(), ctx.request().path(),
          String.valueOf(ctx.failure()));
      ctx.response().reset();
      return;
    }
    Throwable failure = ctx.failure();
    if (failure instanceof ApiError e) {
      e.headers().forEach((k, v) -> ctx.response().putHeader(k, v));
      send(ctx, e.status(), e.getMessage(), e.problems());
    } else if (failure instanceof SupervisorException e) {
      send(ctx, e.kind() == SupervisorException.Kind.NOT_FOUND ? 404 : 409, e.getMessage(), List.of());
    } else if (failure instanceof HttpException e && e.getStatusCode() < 500) {
      send(ctx, e.getStatusCode(), generic(e.getStatusCode()), List.of());
    } else if (failure == null && ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
      send(ctx, ctx.statusCode(), generic(ctx.statusCode()), List.of());
    } else {
      String reference = UUID.randomUUID().toString().substring(0, 8);
      log.error("internal error {} on {} {}", reference, ctx.request().method(), ctx.request().path(), failure);
      send(ctx, 500, "internal error (reference " + reference + " in the server log); the request may not have"
          + " been carried out: check with GET before retrying", List.of());
    }
  }

  static String generic(int status) {
    return switch (status) {
      case 400 -> "the request is malformed";
      case 404 -> "no such endpoint; see /api/v1/openapi.yaml for the API";
      case 405 -> "this endpoint does not take that method; see /api/v1/openapi.yaml";
      case 413 -> "the request body is larger than 1 MiB; a plan file is far smaller";
      case 415 -> "unsupported content type";
      default -> "request refused (HTTP " + status + ")";
    };
  }

  static void send(RoutingContext ctx, int status, String message, List<ApiError.Problem> problems) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", message);
    body.put("problems", problems);
    Json.send(ctx, status, body);
  }
}
