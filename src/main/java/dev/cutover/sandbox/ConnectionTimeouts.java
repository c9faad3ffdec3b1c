package dev.cutover.sandbox;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * How long the sandbox's HTTP server keeps a connection that does not make progress (wall time): a new connection
 * must complete its first request's headers within {@code headers}, and any connection with no bytes either way
 * for {@code idle} is closed. So thousands of half-sent requests cannot hold the server's connections open.
 */
public record ConnectionTimeouts(Duration headers, Duration idle) {
  /** 10 s to send the request headers, 60 s idle (the idle timeout of an AWS load balancer). */
  public static final ConnectionTimeouts DEFAULTS = new ConnectionTimeouts(Duration.ofSeconds(10),
      Duration.ofSeconds(60));

  public ConnectionTimeouts {
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(idle, "idle");
    if (headers.toMillis() < 1 || idle.toMillis() < 1) {
      throw new IllegalArgumentException("connection timeouts must be at least 1 ms, got headers " + headers
          + " and idle " + idle);
    }
  }

  /** An HTTP server with these timeouts that hands every request to {@code handler}, listening on host:port. */
  public Future<HttpServer> listen(Vertx vertx, Handler<HttpServerRequest> handler, int port, String host) {
    // Without h2c detection Vert.x creates the HTTP/1.1 connection (and calls the connection handler) on accept,
    // not only once a request's headers are complete: that is what lets the header timer start at connect.
    // Every AWS SDK and CLI speaks HTTP/1.1 to an http:// endpoint.
    HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(false)
        .setIdleTimeout((int) Math.min(Integer.MAX_VALUE, idle.toMillis())).setIdleTimeoutUnit(TimeUnit.MILLISECONDS));
    Map<HttpConnection, Long> awaitingHeaders = new ConcurrentHashMap<>();
    server.connectionHandler(connection -> {
      long timer = vertx.setTimer(headers.toMillis(), id -> {
        if (awaitingHeaders.remove(connection) != null) {
          connection.close();
        }
      });
      awaitingHeaders.put(connection, timer);
      connection.closeHandler(v -> cancel(vertx, awaitingHeaders.remove(connection)));
    });
    server.requestHandler(request -> {
      cancel(vertx, awaitingHeaders.remove(request.connection()));
      handler.handle(request);
    });
    return server.listen(port, host);
  }

  private static void cancel(Vertx vertx, Long timer) {
    if (timer != null) {
      vertx.cancelTimer(timer);
    }
  }
}
