package dev.cutover.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The dashboard at {@code /}: its pages ({@code /}, {@code /cutovers/NAME}, {@code /rollback}: one page that reads
 * the API under {@code /api/v1}), its files ({@code /assets/NAME}), and its session: {@code POST /session} signs in
 * with a store token or a JWT, {@code GET /session} says who is signed in (with the CSRF token), {@code DELETE
 * /session} signs out. The page is public; everything it shows comes from the API, which needs the session.
 */
final class DashboardRoutes {
  /** Every page of the dashboard: the same document, which routes by its path. */
  static final List<String> PAGES = List.of("/", "/rollback", "/cutovers/:name");
  /** Scripts, styles and connections only from this server; never framed (the buttons move traffic). */
  static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
      + " connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
  private static final long BODY_LIMIT = 64 * 1024;
  private static final String NO_PAGE = "no such page; the dashboard is at /, the API under /api/v1";

  private final Authenticator auth;
  private final Sessions sessions;
  private final boolean secure;
  private final DashboardAssets assets = new DashboardAssets();

  private DashboardRoutes(Authenticator auth, Sessions sessions, boolean secure) {
    this.auth = auth;
    this.sessions = sessions;
    this.secure = secure;
  }

  /** @param secure whether the server speaks TLS (then the session cookie is {@code Secure}) */
  static Router create(Vertx vertx, Authenticator auth, Sessions sessions, boolean secure) {
    DashboardRoutes d = new DashboardRoutes(auth, sessions, secure);
    Router router = Router.router(vertx);
    router.route().handler(ctx -> {
      ctx.response().putHeader("Content-Security-Policy", CSP).putHeader("X-Frame-Options", "DENY")
          .putHeader("X-Content-Type-Options", "nosniff").putHeader("Referrer-Policy", "no-referrer");
      ctx.next();
    });
    for (String page : PAGES) {
      router.get(page).handler(ctx -> d.send(ctx, "index.html"));
    }
    router.get("/assets/:file").handler(ctx -> d.send(ctx, ctx.pathParam("file")));
    router.post("/session").handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT)).handler(d::signIn);
    router.get("/session").handler(d::who);
    router.delete("/session").handler(d::signOut);
    router.route().failureHandler(Failures::handle);
    for (int status : new int[] {400, 404, 405, 413, 415}) {
      router.errorHandler(status, ctx -> Failures.send(ctx, status, status == 404 ? NO_PAGE
          : Failures.generic(status), List.of()));
    }
    router.errorHandler(500, Failures::handle);
    return router;
  }

  private void send(RoutingContext ctx, String file) {
    Optional<DashboardAssets.Asset> asset = assets.get(file);
    if (asset.isEmpty()) {
      throw ApiError.notFound(NO_PAGE);
    }
    ctx.response().putHeader("Content-Type", asset.get().type()).putHeader("Cache-Control", "no-cache")
        .end(asset.get().body());
  }

  /**
   * {@code {"token": "..."}}: a store token or a JWT, checked as a bearer token would be. Only JSON is taken, so a
   * form of another site cannot sign a browser in (a cross-site JSON request needs a CORS preflight nobody answers).
   */
  private void signIn(RoutingContext ctx) {
    String type = Optional.ofNullable(ctx.request().getHeader("Content-Type")).orElse("");
    if (!type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      throw ApiError.of(415, "sign in with a JSON body {\"token\": \"...\"} and Content-Type application/json");
    }
    String token = token(ctx);
    auth.authenticate("Bearer " + token).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
        return;
      }
      Sessions.Session s = sessions.open(ar.result(), token.startsWith("cutover_") ? Optional.empty()
          : jwtExpiry(token));
      ctx.response().addCookie(cookie(s.id()).setMaxAge(sessions.secondsLeft(s)));
      Json.send(ctx, 200, describe(s));
    });
  }

  private static String token(RoutingContext ctx) {
    String fix = "send {\"token\": \"cutover_...\"} (from `cutover token create`) or {\"token\": \"<a JWT of your"
        + " identity provider>\"}";
    JsonNode body;
    try {
      body = Json.mapper().readTree(ctx.body().asString("UTF-8"));
    } catch (IOException | RuntimeException e) {
      throw ApiError.badRequest("", "the body is not JSON", fix);
    }
    if (body == null || !body.path("token").isTextual() || body.path("token").textValue().isBlank()) {
      throw ApiError.badRequest("token", "no token given", fix);
    }
    return body.path("token").textValue().trim();
  }

  private void who(RoutingContext ctx) {
    Cookie c = ctx.request().getCookie(Sessions.COOKIE);
    Sessions.Session s = sessions.find(c == null ? null : c.getValue()).orElseThrow(() ->
        ApiError.unauthorized("not signed in: sign in with a token or your identity provider's JWT", false));
    Json.send(ctx, 200, describe(s));
  }

  /** Ends the session (a change, so it needs the CSRF token too) and clears the cookie. */
  private void signOut(RoutingContext ctx) {
    Cookie c = ctx.request().getCookie(Sessions.COOKIE);
    sessions.find(c == null ? null : c.getValue()).ifPresent(s -> {
      if (!Sessions.csrfMatches(s, ctx.request().getHeader(Sessions.CSRF_HEADER))) {
        throw ApiError.forbidden("signing out needs the session's CSRF token in " + Sessions.CSRF_HEADER);
      }
      sessions.end(s.id());
    });
    ctx.response().addCookie(cookie("").setMaxAge(0));
    ctx.response().setStatusCode(204).end();
  }

  private Cookie cookie(String value) {
    return Cookie.cookie(Sessions.COOKIE, value).setPath("/").setHttpOnly(true).setSecure(secure)
        .setSameSite(CookieSameSite.STRICT);
  }

  private static Map<String, Object> describe(Sessions.Session s) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", s.principal().name());
    body.put("role", s.principal().role().label());
    body.put("csrf", s.csrf());
    body.put("expiresAt", s.expiresAt());
    return body;
  }

  /** The {@code exp} of a JWT that was verified already, so the session ends when the token would. */
  static Optional<Instant> jwtExpiry(String jwt) {
    try {
      String[] parts = jwt.split("\\.");
      JsonNode claims = Json.mapper().readTree(new String(Base64.getUrlDecoder().decode(parts[1]),
          StandardCharsets.UTF_8));
      return claims.path("exp").canConvertToLong() ? Optional.of(Instant.ofEpochSecond(claims.path("exp")
          .longValue())) : Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
