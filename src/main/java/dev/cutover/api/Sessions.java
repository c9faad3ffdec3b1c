package dev.cutover.api;

import dev.cutover.port.Principal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dashboard's sign-ins. Signing in with a store token or a JWT opens a session: a random id that the browser
 * keeps in an HttpOnly, SameSite=Strict cookie, the principal it acts as, and a CSRF token that the page sends in
 * {@value #CSRF_HEADER} with every change (a page of another site can neither read it nor set the header).
 * Sessions live in this server's memory: a restart signs everyone out, and several instances behind one address
 * need sticky sessions.
 */
final class Sessions {
  static final String COOKIE = "cutover_session";
  static final String CSRF_HEADER = "X-CSRF-Token";
  /** How long a session lasts at most (a JWT's own expiry may end it sooner). */
  static final Duration LIFETIME = Duration.ofHours(8);
  private static final int MAX = 10_000;

  /** One signed-in browser. */
  record Session(String id, String csrf, Principal principal, Instant expiresAt) {
    Session {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(csrf, "csrf");
      Objects.requireNonNull(principal, "principal");
      Objects.requireNonNull(expiresAt, "expiresAt");
    }
  }

  private final SecureRandom random = new SecureRandom();
  private final Map<String, Session> byId = new ConcurrentHashMap<>();
  private final Clock clock;
  private final Duration lifetime;

  Sessions(Clock clock, Duration lifetime) {
    this.clock = clock;
    this.lifetime = lifetime;
  }

  Sessions() {
    this(Clock.systemUTC(), LIFETIME);
  }

  /** A new session for {@code principal}, ending after {@link #LIFETIME} or at {@code notAfter}, if sooner. */
  Session open(Principal principal, Optional<Instant> notAfter) {
    Instant end = clock.instant().plus(lifetime);
    if (notAfter.isPresent() && notAfter.get().isBefore(end)) {
      end = notAfter.get();
    }
    if (byId.size() >= MAX) {
      evict();
    }
    Session s = new Session(secret(), secret(), principal, end);
    byId.put(s.id(), s);
    return s;
  }

  /** The live session of this cookie value, if any (an expired one is forgotten). */
  Optional<Session> find(String id) {
    if (id == null) {
      return Optional.empty();
    }
    Session s = byId.get(id);
    if (s == null) {
      return Optional.empty();
    }
    if (!clock.instant().isBefore(s.expiresAt())) {
      byId.remove(id);
      return Optional.empty();
    }
    return Optional.of(s);
  }

  void end(String id) {
    byId.remove(id);
  }

  /** Whether {@code presented} is the session's CSRF token (compared in constant time). */
  static boolean csrfMatches(Session s, String presented) {
    return presented != null && MessageDigest.isEqual(s.csrf().getBytes(StandardCharsets.UTF_8),
        presented.getBytes(StandardCharsets.UTF_8));
  }

  /** Seconds until the session ends, for the cookie's Max-Age. */
  long secondsLeft(Session s) {
    return Math.max(0, Duration.between(clock.instant(), s.expiresAt()).toSeconds());
  }

  int size() {
    return byId.size();
  }

  /** Drops the expired sessions; when still full, the one that would end first. */
  private void evict() {
    Instant now = clock.instant();
    byId.values().removeIf(s -> !now.isBefore(s.expiresAt()));
    if (byId.size() >= MAX) {
      byId.values().stream().min(Comparator.comparing(Session::expiresAt)).ifPresent(s -> byId.remove(s.id()));
    }
  }

  /** 256 random bits, URL-safe. */
  private String secret() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
