package dev.cutover.drain;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /drains/heroku/{app}}: where Heroku's Logplex delivers an app's HTTPS log drain. Not the API's
 * bearer tokens: each drain is authenticated by its own secret, the password of the drain URL's userinfo, which
 * Logplex sends as HTTP basic authentication. The body is read only after the secret checks out and never beyond
 * {@link HerokuDrains.Settings#maxBodyBytes()} (413). A 2xx answer tells Logplex the batch arrived; Logplex drops a
 * batch on a 4xx and retries it on anything else (its {@code logplex_http_drain.erl}, {@code status_action}).
 * Secrets and bodies are never logged.
 */
public final class DrainEndpoint implements Handler<HttpServerRequest> {
  public static final String PREFIX = "/drains/heroku/";
  private static final Logger log = LoggerFactory.getLogger(DrainEndpoint.class);
  private static final Duration WARN_EVERY = Duration.ofMinutes(1);

  private final HerokuDrains drains;
  private final Clock wall;
  private final Map<String, Instant> lastWarned = new ConcurrentHashMap<>();

  /**
   * @param wall wall time, only to space out warnings about refused requests
   */
  public DrainEndpoint(HerokuDrains drains, Clock wall) {
    this.drains = drains;
    this.wall = wall;
  }

  @Override
  public void handle(HttpServerRequest request) {
    String path = request.path();
    String app = path.startsWith(PREFIX) ? path.substring(PREFIX.length()) : "";
    if (app.endsWith("/")) {
      app = app.substring(0, app.length() - 1);
    }
    if (!DrainConfig.APP.matcher(app).matches() || !drains.knows(app)) {
      end(request, 404, "no Heroku drain is configured at this path; the drain URL is " + PREFIX
          + "APP for an app given with --drain APP=ENV_VAR");
      return;
    }
    if (request.method() != HttpMethod.POST && request.method() != HttpMethod.PUT) {
      request.response().putHeader("Allow", "POST");
      end(request, 405, "a Heroku drain takes POST");
      return;
    }
    if (!drains.authorized(app, password(request.getHeader("Authorization")))) {
      warn(app, "refused a delivery without the drain's secret");
      request.response().putHeader("WWW-Authenticate", "Basic realm=\"cutover drain\"");
      end(request, 401, "this drain needs its secret: add it as https://cutover:SECRET@HOST" + PREFIX + app);
      return;
    }
    String type = request.getHeader("Content-Type");
    if (type != null && !isLogplex(type)) {
      end(request, 415, "a Heroku drain sends Content-Type application/logplex-1");
      return;
    }
    int limit = drains.settings().maxBodyBytes();
    String declared = request.getHeader("Content-Length");
    if (declared != null && parse(declared, Long.MAX_VALUE) > limit) {
      tooLarge(request, app, limit);
      return;
    }
    readBody(request, app, limit);
  }

  private void readBody(HttpServerRequest request, String app, int limit) {
    Buffer body = Buffer.buffer();
    String appName = app;
    boolean[] over = {false};
    request.handler(chunk -> {
      if (over[0]) {
        return;
      }
      if (body.length() + chunk.length() > limit) {
        over[0] = true;
        tooLarge(request, appName, limit);
        return;
      }
      body.appendBuffer(chunk);
    });
    request.endHandler(v -> {
      if (over[0]) {
        return;
      }
      int count = (int) parse(header(request, "Logplex-Msg-Count"), -1);
      drains.accept(appName, header(request, "Logplex-Frame-Id"), count, body.getBytes());
      request.response().setStatusCode(204).end();
    });
    request.exceptionHandler(e -> log.debug("drain {}: the delivery broke off: {}", appName, e.toString()));
  }

  private void tooLarge(HttpServerRequest request, String app, int limit) {
    drains.tooLarge(app);
    warn(app, "refused a body over " + limit + " bytes");
    request.response().putHeader("Connection", "close");
    end(request, 413, "a drain body may hold at most " + limit + " bytes");
  }

  /** The header, or the older {@code X-}-prefixed name Logplex once used. */
  private static String header(HttpServerRequest request, String name) {
    String v = request.getHeader(name);
    return v != null ? v : request.getHeader("X-" + name);
  }

  private static boolean isLogplex(String type) {
    String t = type.toLowerCase(Locale.ROOT);
    int semicolon = t.indexOf(';');
    t = (semicolon < 0 ? t : t.substring(0, semicolon)).trim();
    return t.equals("application/logplex-1") || t.equals("application/x-logplex-1");
  }

  /** The password of a basic {@code Authorization} header, or null. */
  static String password(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    try {
      String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
          StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon < 0 ? null : decoded.substring(colon + 1);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static long parse(String value, long otherwise) {
    if (value == null) {
      return otherwise;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return otherwise;
    }
  }

  private void warn(String app, String what) {
    Instant now = wall.instant();
    Instant last = lastWarned.get(app + what);
    if (last == null || !now.isBefore(last.plus(WARN_EVERY))) {
      lastWarned.put(app + what, now);
      log.warn("Heroku drain {}: {} (counted; this warning repeats at most once a minute)", app, what);
    }
  }

  private static void end(HttpServerRequest request, int status, String message) {
    if (request.response().ended()) {
      return;
    }
    request.response().setStatusCode(status).putHeader("Content-Type", "text/plain; charset=utf-8")
        .end(message + "\n");
  }
}
