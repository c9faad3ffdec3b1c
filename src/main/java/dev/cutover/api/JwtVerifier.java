package dev.cutover.api;

import dev.cutover.port.Principal;
import dev.cutover.port.Role;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.NoSuchKeyIdException;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JWTs from a company identity provider, checked with Vert.x's JWT auth: signature by a key of the provider's
 * JWKS (fetched from its URL, fetched again when a token names a key id not seen yet, at most once per
 * {@code minRefresh}, and every {@code refreshEvery}), issuer, audience, expiry. The subject is who acts; the
 * role comes from a claim (a string, or a list of which the highest role counts).
 */
public final class JwtVerifier {
  private static final Logger log = LoggerFactory.getLogger(JwtVerifier.class);
  /** Until the keys were fetched once, a failed fetch is tried again this soon. */
  private static final Duration RETRY = Duration.ofSeconds(10);

  /**
   * @param issuer the {@code iss} every token must carry
   * @param audience the {@code aud} every token must include (this server's identifier at the provider)
   * @param jwksUrl where the provider publishes its signing keys
   * @param roleClaim the claim that holds viewer, operator or admin (default {@code cutover_role})
   * @param leeway clock skew allowed on exp, nbf and iat
   */
  public record Settings(String issuer, String audience, URI jwksUrl, String roleClaim, Duration leeway,
      Duration minRefresh, Duration refreshEvery) {
    public static final String DEFAULT_ROLE_CLAIM = "cutover_role";

    public Settings {
      Objects.requireNonNull(issuer, "JWT issuer");
      Objects.requireNonNull(audience, "JWT audience");
      Objects.requireNonNull(jwksUrl, "JWKS URL");
      if (!"https".equals(jwksUrl.getScheme()) && !"http".equals(jwksUrl.getScheme())) {
        throw new IllegalArgumentException("JWKS URL " + jwksUrl + " is not http(s); use the jwks_uri of the"
            + " provider's /.well-known/openid-configuration");
      }
      roleClaim = roleClaim == null || roleClaim.isBlank() ? DEFAULT_ROLE_CLAIM : roleClaim;
    }

    /** 60 s leeway, a new key fetched at most every 30 s, all keys again every hour. */
    public Settings(String issuer, String audience, URI jwksUrl, String roleClaim) {
      this(issuer, audience, jwksUrl, roleClaim, Duration.ofSeconds(60), Duration.ofSeconds(30),
          Duration.ofHours(1));
    }
  }

  private final Vertx vertx;
  private final Settings settings;
  private final HttpClient http;
  private volatile JWTAuth auth;
  private volatile long fetchedAtNanos;
  private Future<Void> inFlight;
  private volatile long periodic = -1;

  public JwtVerifier(Vertx vertx, Settings settings) {
    this.vertx = vertx;
    this.settings = settings;
    this.http = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(5_000));
  }

  /** Fetches the keys now and then every {@code refreshEvery}; fails when the first fetch fails. */
  public Future<Void> start() {
    periodic = vertx.setPeriodic(settings.refreshEvery().toMillis(), id -> refresh());
    return refresh();
  }

  /** Whether the keys were fetched at least once (else no JWT can be checked: the server is not ready). */
  public boolean ready() {
    return auth != null;
  }

  public Future<Void> close() {
    if (periodic >= 0) {
      vertx.cancelTimer(periodic);
      periodic = -1;
    }
    return http.close();
  }

  /** The token's principal; fails with a 401 {@link ApiError} when it is not valid, 403 when it has no role. */
  Future<Principal> verify(String jwt) {
    return authenticate(jwt).recover(e -> {
      if (!(e instanceof NoSuchKeyIdException) || !refreshAllowed()) {
        return Future.failedFuture(e);
      }
      log.info("a JWT names a key id not in the JWKS ({}); fetching {} again", e.getMessage(), settings.jwksUrl());
      return refresh().compose(v -> authenticate(jwt));
    }).recover(e -> Future.failedFuture(e instanceof ApiError ? e : ApiError.unauthorized("the JWT is not valid"
        + " here: " + e.getMessage() + " (expected issuer " + settings.issuer() + ", audience "
        + settings.audience() + ", a key of " + settings.jwksUrl() + ", not expired)", true)))
        .compose(this::principal);
  }

  private Future<User> authenticate(String jwt) {
    JWTAuth current = auth;
    if (current == null) {
      return Future.failedFuture(ApiError.of(503, "JWTs cannot be checked yet: the keys at " + settings.jwksUrl()
          + " could not be fetched; use a cutover token, or retry when /api/v1/readyz is 200"));
    }
    return current.authenticate(new TokenCredentials(jwt));
  }

  private Future<Principal> principal(User user) {
    JsonObject claims = user.attributes().getJsonObject("accessToken", user.principal());
    String subject = claims.getString("sub");
    if (subject == null || subject.isBlank()) {
      return Future.failedFuture(ApiError.unauthorized("the JWT has no subject (sub) to attribute actions to", true));
    }
    if (!claims.containsKey("exp")) {
      return Future.failedFuture(ApiError.unauthorized("the JWT has no expiry (exp); ask the identity provider for"
          + " short-lived tokens", true));
    }
    Optional<Role> role = role(claims.getValue(settings.roleClaim()));
    if (role.isEmpty()) {
      return Future.failedFuture(ApiError.forbidden("the JWT of " + subject + " has no cutover role: its claim "
          + settings.roleClaim() + " is " + claims.getValue(settings.roleClaim()) + "; ask your identity provider's"
          + " administrator to set it to viewer, operator or admin"));
    }
    return Future.succeededFuture(new Principal(subject, role.get()));
  }

  private static Optional<Role> role(Object claim) {
    if (claim instanceof String s) {
      return Role.parse(s);
    }
    if (claim instanceof JsonArray a) {
      return a.stream().filter(String.class::isInstance).map(String.class::cast).map(Role::parse)
          .flatMap(Optional::stream).max(Enum::compareTo);
    }
    return Optional.empty();
  }

  private synchronized boolean refreshAllowed() {
    return inFlight != null || System.nanoTime() - fetchedAtNanos >= settings.minRefresh().toNanos();
  }

  /** One fetch at a time; concurrent callers share it. */
  private synchronized Future<Void> refresh() {
    if (inFlight != null) {
      return inFlight;
    }
    fetchedAtNanos = System.nanoTime();
    Future<Void> f = fetch().map(keys -> {
      auth = JWTAuth.create(vertx, new JWTAuthOptions().setJwks(keys).setJWTOptions(new JWTOptions()
          .setIssuer(settings.issuer()).setAudience(List.of(settings.audience()))
          .setLeeway((int) settings.leeway().toSeconds())));
      log.info("JWT keys loaded from {}: {} signing key(s)", settings.jwksUrl(), keys.size());
      return (Void) null;
    }).onFailure(e -> {
      log.warn("cannot fetch the JWT keys from {}: {}{}", settings.jwksUrl(), e.getMessage(),
          auth == null ? "; trying again in " + RETRY.toSeconds() + " s" : "; the keys fetched before stay in use");
      if (auth == null && periodic >= 0) {
        vertx.setTimer(RETRY.toMillis(), id -> {
          if (periodic >= 0) {
            refresh();
          }
        });
      }
    });
    inFlight = f;
    f.onComplete(ar -> {
      synchronized (this) {
        inFlight = null;
      }
    });
    return f;
  }

  private Future<List<JsonObject>> fetch() {
    RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET)
        .setAbsoluteURI(settings.jwksUrl().toString()).setIdleTimeout(10_000)
        .putHeader("Accept", "application/json");
    return http.request(request).compose(req -> req.send()).compose(resp -> resp.statusCode() == 200
        ? resp.body() : Future.failedFuture("HTTP " + resp.statusCode()))
        .map(body -> {
          JsonArray keys = new JsonObject(body).getJsonArray("keys");
          if (keys == null) {
            throw new IllegalStateException("no \"keys\" in the JWKS document");
          }
          List<JsonObject> signing = new ArrayList<>();
          for (Object k : keys) {
            if (k instanceof JsonObject key && !"enc".equals(key.getString("use"))) {
              signing.add(key);
            }
          }
          return signing;
        });
  }
}
