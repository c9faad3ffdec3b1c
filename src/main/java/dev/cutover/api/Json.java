package dev.cutover.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.engine.EventJson;
import io.vertx.ext.web.RoutingContext;

/** Responses as JSON, with the same mapper as the journal (ISO-8601 times and durations, splits as numbers). */
final class Json {
  static final String TYPE = "application/json; charset=utf-8";

  private Json() {}

  static ObjectMapper mapper() {
    return EventJson.mapper();
  }

  static String write(Object value) {
    try {
      return mapper().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }

  static void send(RoutingContext ctx, int status, Object body) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", TYPE).end(write(body));
  }
}
