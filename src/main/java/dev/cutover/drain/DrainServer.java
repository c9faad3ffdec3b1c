package dev.cutover.drain;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.time.Clock;

/**
 * A small HTTP server of its own for the drains ({@code cutover run --drain-port}): the same {@link DrainEndpoint}
 * that {@code cutover serve} mounts beside its API, with nothing else on the port.
 */
public final class DrainServer {
  private final HttpServer http;

  private DrainServer(HttpServer http) {
    this.http = http;
  }

  /** Listens on {@code host:port} (0 for any free port); fails if the port is taken. */
  public static Future<DrainServer> start(Vertx vertx, HerokuDrains drains, String host, int port) {
    DrainEndpoint endpoint = new DrainEndpoint(drains, Clock.systemUTC());
    return vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port))
        .requestHandler(endpoint).listen().map(DrainServer::new);
  }

  public int port() {
    return http.actualPort();
  }

  public Future<Void> close() {
    return http.close();
  }
}
