package dev.cutover.api;

import dev.cutover.port.Principal;
import dev.cutover.port.Role;
import dev.cutover.port.TokenStore;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who is calling: every request but {@code /healthz} carries {@code Authorization: Bearer TOKEN}, a token of
 * the {@link TokenStore} ({@code cutover token create}) or, when configured, a JWT of the company's identity
 * provider; or, from the dashboard, the cookie of a {@link Sessions session} (then a change also needs the
 * session's CSRF token in {@value Sessions#CSRF_HEADER}). The principal is kept on the request for the role checks
 * (the same for both ways in) and as the "by" of every action.
 */
final class Authenticator {
  private static final Logger log = LoggerFactory.getLogger(Authenticator.class);
  /** Methods that change nothing, so need no CSRF token. */
  private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
  private static final String PRINCIPAL = "cutover.principal";
  private static final String HOW_TO = "send Authorization: Bearer TOKEN, with a token from `cutover token create"
      + " NAME --role viewer|operator|admin` or a JWT of your identity provider";

  private final TokenStore tokens;
  private final Optional<JwtVerifier> jwt;
  private final Sessions sessions;

  Authenticator(TokenStore tokens, Optional<JwtVerifier> jwt, Sessions sessions) {
    this.tokens = tokens;
    this.jwt = jwt;
    this.sessions = sessions;
  }

  /**
   * Authenticates the request by its bearer token or else its session cookie, or fails it with 401 (503 when the
   * token store cannot be read, 403 for a change in a session without its CSRF token).
   */
  Handler<RoutingContext> handler() {
    return ctx -> principal(ctx.request()).onComplete(ar -> {
      if (ar.succeeded()) {
        Principal p = ar.result();
        ctx.put(PRINCIPAL, p);
        if (ctx.request().method() != HttpMethod.GET) {
          ctx.addEndHandler(v -> log.info("{} {} by {} ({}): {}", ctx.request().method(), ctx.request().path(),
              p.name(), p.role().label(), ctx.response().getStatusCode()));
        }
        ctx.next();
      } else {
        ctx.fail(ar.cause());
      }
    });
  }

  private Future<Principal> principal(HttpServerRequest request) {
    String header = request.getHeader("Authorization");
    Cookie cookie = request.getCookie(Sessions.COOKIE);
    if ((header != null && !header.isBlank()) || cookie == null) {
      return authenticate(header);
    }
    Optional<Sessions.Session> session = sessions.find(cookie.getValue());
    if (session.isEmpty()) {
      return Future.failedFuture(ApiError.unauthorized("your dashboard session has ended (signed out, expired, or"
          + " the server restarted); sign in again", true));
    }
    if (!SAFE.contains(request.method())
        && !Sessions.csrfMatches(session.get(), request.getHeader(Sessions.CSRF_HEADER))) {
      return Future.failedFuture(ApiError.forbidden("a change made with a dashboard session needs the session's"
          + " CSRF token in the " + Sessions.CSRF_HEADER + " header (the dashboard sends it; a page of another"
          + " site cannot); from a script, use Authorization: Bearer TOKEN instead"));
    }
    return Future.succeededFuture(session.get().principal());
  }

  Future<Principal> authenticate(String header) {
    if (header == null || header.isBlank()) {
      return Future.failedFuture(ApiError.unauthorized("no bearer token: " + HOW_TO, false));
    }
    int space = header.indexOf(' ');
    if (space < 0 || !header.substring(0, space).equalsIgnoreCase("Bearer")) {
      return Future.failedFuture(ApiError.unauthorized("the Authorization header is not a bearer token: "
          + HOW_TO, false));
    }
    String token = header.substring(space + 1).trim();
    if (token.startsWith("cutover_")) {
      return tokens.verify(token)
          .recover(e -> {
            log.error("the token store cannot be read: {}", e.toString());
            return Future.failedFuture(ApiError.of(503, "tokens cannot be checked now (the token store failed:"
                + " " + e.getMessage() + "); retry shortly"));
          })
          .compose(p -> p.map(Future::succeededFuture).orElseGet(() -> Future.failedFuture(ApiError.unauthorized(
              "the token is not valid here (unknown or mistyped); create one with `cutover token create`",
              true))));
    }
    if (jwt.isPresent() && token.chars().filter(c -> c == '.').count() == 2) {
      return jwt.get().verify(token);
    }
    return Future.failedFuture(ApiError.unauthorized("the bearer token is neither a cutover token nor "
        + (jwt.isPresent() ? "a JWT" : "accepted here (no identity provider is configured for JWTs)") + "; "
        + HOW_TO, true));
  }

  /** Lets the request through when its principal's role includes {@code required}, else fails it with 403. */
  static Handler<RoutingContext> requires(Role required) {
    return ctx -> {
      Principal p = principal(ctx);
      if (p.role().includes(required)) {
        ctx.next();
      } else {
        ctx.fail(ApiError.forbidden(p.name() + " has the role " + p.role().label() + "; this needs "
            + required.label() + (required == Role.ADMIN ? "" : " or admin") + " (ask an admin for a token with"
            + " `cutover token create NAME --role " + required.label() + "`)"));
      }
    };
  }

  static Principal principal(RoutingContext ctx) {
    Principal p = ctx.get(PRINCIPAL);
    if (p == null) {
      throw new IllegalStateException("route " + ctx.request().path() + " is not behind the authenticator");
    }
    return p;
  }
}
