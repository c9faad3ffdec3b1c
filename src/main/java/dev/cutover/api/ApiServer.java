package dev.cutover.api;

import dev.cutover.engine.Fleet;
import dev.cutover.port.TokenStore;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Router;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API of {@code cutover serve}: the fleet's use cases under {@code /api/v1}, bearer-token (and JWT)
 * authentication with three roles, server-sent events, and TLS when given a PEM certificate and key; and the
 * dashboard at {@code /}, a page of the jar that reads the same API with a session cookie. Binds to
 * loopback unless told otherwise: the API can move production traffic.
 */
public final class ApiServer {
  private static final Logger log = LoggerFactory.getLogger(ApiServer.class);

  /** A PEM certificate (chain) and its private key (PKCS#8 or PKCS#1). */
  public record Tls(Path certificate, Path key) {
    public Tls {
      Objects.requireNonNull(certificate, "TLS certificate");
      Objects.requireNonNull(key, "TLS key");
    }
  }

  /**
   * @param host the address to bind; 127.0.0.1 by default
   * @param port 0 for any free port
   * @param tls empty for plain HTTP
   * @param jwt empty to accept only the store's tokens
   * @param notReady why the server is not ready yet (e.g. still resuming cutovers), or empty; read by /readyz
   * @param mounts handlers of their own for paths under a prefix, outside the API's authentication (a Heroku log
   *     drain at {@code /drains/heroku/}, authenticated by its own secret)
   */
  public record Options(String host, int port, Optional<Tls> tls, Optional<JwtVerifier.Settings> jwt,
      Supplier<Optional<String>> notReady, Map<String, Handler<HttpServerRequest>> mounts) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;

    public Options {
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(tls, "tls");
      Objects.requireNonNull(jwt, "jwt");
      Objects.requireNonNull(notReady, "notReady");
      mounts = Map.copyOf(mounts);
      for (String prefix : mounts.keySet()) {
        if (!prefix.startsWith("/") || !prefix.endsWith("/") || prefix.startsWith("/api/") || prefix.equals("/")) {
          throw new IllegalArgumentException("a mount is a path prefix like /drains/heroku/, outside /api/, got "
              + prefix);
        }
      }
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be from 0 to 65535, got " + port);
      }
    }

    /** Loopback, port 8080, plain HTTP, tokens only, always ready. */
    public static Options defaults() {
      return new Options(DEFAULT_HOST, DEFAULT_PORT, Optional.empty(), Optional.empty(), Optional::empty,
          Map.of());
    }

    public Options withAddress(String h, int p) {
      return new Options(h, p, tls, jwt, notReady, mounts);
    }

    public Options withTls(Tls t) {
      return new Options(host, port, Optional.of(t), jwt, notReady, mounts);
    }

    public Options withJwt(JwtVerifier.Settings j) {
      return new Options(host, port, tls, Optional.of(j), notReady, mounts);
    }

    public Options withReadiness(Supplier<Optional<String>> r) {
      return new Options(host, port, tls, jwt, r, mounts);
    }

    /** Serves every path under {@code prefix} with {@code handler} alone: no API authentication, no dashboard. */
    public Options withMount(String prefix, Handler<HttpServerRequest> handler) {
      Map<String, Handler<HttpServerRequest>> m = new java.util.HashMap<>(mounts);
      m.put(prefix, handler);
      return new Options(host, port, tls, jwt, notReady, m);
    }
  }

  private final Vertx vertx;
  private final Options options;
  private final EventStreams streams;
  private final Optional<JwtVerifier> jwt;
  private final Router router;
  private final Router dashboard;
  private HttpServer http;

  private ApiServer(Vertx vertx, Fleet fleet, TokenStore tokens, Options options) {
    this.vertx = vertx;
    this.options = options;
    this.jwt = options.jwt().map(s -> new JwtVerifier(vertx, s));
    this.streams = new EventStreams(vertx, fleet);
    Sessions sessions = new Sessions();
    Authenticator auth = new Authenticator(tokens, jwt, sessions);
    this.router = ApiRouter.create(vertx, fleet, auth, streams, this::notReady);
    this.dashboard = DashboardRoutes.create(vertx, auth, sessions, options.tls().isPresent());
  }

  /** The API under /api/, a mount's handler under its prefix, the dashboard everywhere else. */
  private void handle(HttpServerRequest request) {
    String path = request.path();
    for (Map.Entry<String, Handler<HttpServerRequest>> mount : options.mounts().entrySet()) {
      if (path.startsWith(mount.getKey())) {
        mount.getValue().handle(request);
        return;
      }
    }
    (path.startsWith("/api/") ? router : dashboard).handle(request);
  }

  /**
   * Starts listening. A JWKS that cannot be fetched does not stop the server (tokens still work; JWTs are
   * refused with 503 and /readyz says why until the keys are fetched); a TLS file that is missing does.
   */
  public static Future<ApiServer> start(Vertx vertx, Fleet fleet, TokenStore tokens, Options options) {
    for (Path p : options.tls().map(t -> java.util.List.of(t.certificate(), t.key())).orElse(java.util.List.of())) {
      if (!Files.isReadable(p)) {
        return Future.failedFuture(new IllegalArgumentException("TLS file " + p + " is missing or unreadable;"
            + " give a PEM certificate and its PEM private key"));
      }
    }
    ApiServer server = new ApiServer(vertx, fleet, tokens, options);
    // a first fetch that fails is logged and retried by the verifier; /readyz reports it meanwhile
    server.jwt.ifPresent(j -> j.start().onFailure(e -> { }));
    // no compression: a compressing codec may hold back event-stream frames
    HttpServerOptions http = new HttpServerOptions().setHost(options.host()).setPort(options.port());
    options.tls().ifPresent(t -> http.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
        .setCertPath(t.certificate().toString()).setKeyPath(t.key().toString())));
    return vertx.createHttpServer(http).requestHandler(server::handle).listen().map(s -> {
      server.http = s;
      log.info("API listening on {}://{}:{}{}, the dashboard at /", options.tls().isPresent() ? "https" : "http",
          options.host(), s.actualPort(), ApiRouter.BASE);
      return server;
    });
  }

  private Optional<String> notReady() {
    if (jwt.isPresent() && !jwt.get().ready()) {
      return Optional.of("the identity provider's keys have not been fetched from "
          + options.jwt().get().jwksUrl() + " yet");
    }
    return options.notReady().get();
  }

  /** The port listened on (the actual one when 0 was asked for). */
  public int port() {
    return http.actualPort();
  }

  /** Ends every event stream, stops listening, stops refreshing JWT keys. */
  public Future<Void> close() {
    streams.close();
    Future<Void> keys = jwt.map(JwtVerifier::close).orElse(Future.succeededFuture());
    return Future.join(keys, http == null ? Future.succeededFuture() : http.close()).mapEmpty();
  }

  /** The router alone, not listening (for the OpenAPI coverage test). */
  static Router routerFor(Vertx vertx, Fleet fleet, TokenStore tokens) {
    return new ApiServer(vertx, fleet, tokens, Options.defaults()).router;
  }
}
