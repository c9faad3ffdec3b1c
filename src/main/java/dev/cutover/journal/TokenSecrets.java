package dev.cutover.journal;

import dev.cutover.port.Principal;
import dev.cutover.port.Role;
import dev.cutover.port.TokenStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The token format and its hashing, shared by the token stores. A token is {@code cutover_<id>_<secret>}: a
 * 16-hex-digit id to look it up by, and a 256-bit random secret (64 hex digits) of which only
 * SHA-256(salt || secret) is stored, with a 128-bit salt per token. The secret has full entropy, so one salted
 * hash is enough (a slow password hash guards low-entropy secrets); comparison is constant-time.
 */
final class TokenSecrets {
  static final String PREFIX = "cutover_";
  private static final Pattern FORMAT = Pattern.compile(PREFIX + "([0-9a-f]{16})_([0-9a-f]{64})");
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final HexFormat HEX = HexFormat.of();
  private static final byte[] DUMMY_SALT = new byte[16];

  /** One stored token: what a store keeps (no secret). */
  record Stored(String id, String name, Role role, String salt, String hash, Instant createdAt) {
    TokenStore.TokenInfo info() {
      return new TokenStore.TokenInfo(id, name, role, createdAt);
    }

    Principal principal() {
      return new Principal(name, role);
    }
  }

  /** A token just made: the full token, shown once, and what to store. */
  record Issued(String token, Stored stored) {}

  /** The two parts of a presented token. */
  record Presented(String id, String secret) {}

  private TokenSecrets() {}

  static Issued issue(String name, Role role, Instant at) {
    TokenStore.requireValidName(name);
    String id = HEX.formatHex(random(8));
    String secret = HEX.formatHex(random(32));
    byte[] salt = random(16);
    Base64.Encoder b64 = Base64.getEncoder();
    return new Issued(PREFIX + id + "_" + secret,
        new Stored(id, name, role, b64.encodeToString(salt), b64.encodeToString(hash(salt, secret)), at));
  }

  /** The id and secret of a token of this format, or empty for anything else (a JWT, garbage). */
  static Optional<Presented> parse(String token) {
    Matcher m = token == null ? null : FORMAT.matcher(token);
    return m != null && m.matches() ? Optional.of(new Presented(m.group(1), m.group(2))) : Optional.empty();
  }

  /**
   * Whether {@code secret} is the one {@code stored} was issued with; with no stored token, the same work is done
   * against a dummy, so the time taken does not tell whether the id exists.
   */
  static boolean matches(Optional<Stored> stored, String secret) {
    Base64.Decoder b64 = Base64.getDecoder();
    byte[] salt = stored.map(s -> b64.decode(s.salt())).orElse(DUMMY_SALT);
    byte[] expected = stored.map(s -> b64.decode(s.hash())).orElse(new byte[32]);
    boolean equal = MessageDigest.isEqual(expected, hash(salt, secret));
    return stored.isPresent() && equal;
  }

  private static byte[] hash(byte[] salt, String secret) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(salt);
      return sha.digest(secret.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256", e);
    }
  }

  private static byte[] random(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return b;
  }
}
