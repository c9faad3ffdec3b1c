package dev.cutover.drain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A drain's shared secret, the password of the drain URL's userinfo ({@code https://cutover:SECRET@host/...}),
 * which Logplex sends as HTTP basic authentication (Logplex's doc/README.http_drains.md: "Every part of the URL is
 * supported, including basic authentication"). Only its SHA-256 is kept; a candidate is compared by digest in
 * constant time, so neither the time taken nor the length says how much of it was right. Never printed.
 */
final class DrainSecret {
  /** Long enough not to be guessed: 16 characters or more ({@code openssl rand -hex 24} gives 48). */
  static final int MIN_LENGTH = 16;

  private final byte[] digest;

  DrainSecret(String secret) {
    if (secret == null || secret.length() < MIN_LENGTH) {
      throw new IllegalArgumentException("a drain secret needs at least " + MIN_LENGTH + " characters");
    }
    this.digest = sha256(secret);
  }

  boolean matches(String candidate) {
    return candidate != null && MessageDigest.isEqual(digest, sha256(candidate));
  }

  @Override
  public String toString() {
    return "DrainSecret[hidden]";
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM lacks SHA-256", e);
    }
  }
}
