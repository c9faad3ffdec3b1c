package dev.cutover.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.domain.CutoverEvent;
import dev.cutover.engine.EventJson;
import dev.cutover.engine.Fleet;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server-sent events: every journalled event of every cutover ({@code /events}) or of one
 * ({@code /cutovers/{name}/stream}), as {@code event: <type>} and {@code data: <the journal's JSON line with
 * "plan">}. A comment line every 15 s keeps proxies from closing an idle stream; a client that cannot keep up
 * (its write queue full) is disconnected rather than buffered without bound, and reconnects.
 */
final class EventStreams {
  private static final Logger log = LoggerFactory.getLogger(EventStreams.class);
  private static final long HEARTBEAT_MS = 15_000;

  private record Subscriber(HttpServerResponse response, Context context, String plan) {}

  private final Vertx vertx;
  private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
  private final long heartbeat;
  private volatile boolean closed;

  /** Listens to the fleet once for the server's life (the supervisor keeps its listeners). */
  EventStreams(Vertx vertx, Fleet fleet) {
    this.vertx = vertx;
    fleet.listen(this::publish);
    this.heartbeat = vertx.setPeriodic(HEARTBEAT_MS, id -> subscribers.forEach(s -> write(s, ": keep-alive\n\n")));
  }

  /** Starts a stream on this request; {@code plan} null for every cutover. */
  void subscribe(RoutingContext ctx, String plan) {
    HttpServerResponse response = ctx.response();
    response.setChunked(true).putHeader("Content-Type", "text/event-stream; charset=utf-8")
        .putHeader("Cache-Control", "no-store").putHeader("X-Accel-Buffering", "no");
    Subscriber s = new Subscriber(response, vertx.getOrCreateContext(), plan);
    response.closeHandler(v -> subscribers.remove(s));
    response.exceptionHandler(e -> subscribers.remove(s));
    subscribers.add(s);
    response.write(": streaming " + (plan == null ? "every cutover" : "plan " + plan) + "\nretry: 2000\n\n");
    if (closed) {
      response.end();
    }
  }

  int subscribers() {
    return subscribers.size();
  }

  private void publish(String plan, CutoverEvent event) {
    if (subscribers.isEmpty()) {
      return;
    }
    ObjectNode json = EventJson.toTree(event);
    json.put("plan", plan);
    String frame = "event: " + event.type() + "\ndata: " + Json.write(json) + "\n\n";
    for (Subscriber s : subscribers) {
      if (s.plan() == null || s.plan().equals(plan)) {
        write(s, frame);
      }
    }
  }

  private void write(Subscriber s, String frame) {
    s.context().runOnContext(v -> {
      if (!subscribers.contains(s)) {
        return;
      }
      if (s.response().writeQueueFull()) {
        log.warn("an event stream client is not reading; disconnecting it (it may reconnect)");
        subscribers.remove(s);
        s.response().reset();
        return;
      }
      s.response().write(frame);
    });
  }

  /** Ends every stream and the heartbeat. */
  void close() {
    closed = true;
    vertx.cancelTimer(heartbeat);
    for (Subscriber s : subscribers) {
      subscribers.remove(s);
      s.context().runOnContext(v -> s.response().end());
    }
  }
}
