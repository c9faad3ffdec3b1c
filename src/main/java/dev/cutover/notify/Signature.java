package dev.cutover.notify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The generic webhook's signature: {@code X-Cutover-Signature: sha256=<hex HMAC-SHA256(key, "<timestamp>.<body>")>}
 * with {@code X-Cutover-Timestamp: <Unix seconds>}. Signing the timestamp with the body lets a receiver refuse a
 * replayed request (an old timestamp) as well as a forged one (docs/notifications.md has a receiver).
 */
public final class Signature {
  public static final String HEADER = "X-Cutover-Signature";
  public static final String TIMESTAMP = "X-Cutover-Timestamp";
  private static final String PREFIX = "sha256=";

  private Signature() {}

  /** {@code sha256=<64 hex digits>} */
  public static String sign(String key, long timestamp, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return PREFIX + HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body)
          .getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  /**
   * What a receiver checks: the signature matches (compared in constant time) and the timestamp is within
   * {@code tolerance} of {@code now}.
   */
  public static boolean verify(String key, String timestampHeader, String signatureHeader, String body, Instant now,
      Duration tolerance) {
    long timestamp;
    try {
      timestamp = Long.parseLong(timestampHeader);
    } catch (NumberFormatException | NullPointerException e) {
      return false;
    }
    if (Math.abs(now.getEpochSecond() - timestamp) > tolerance.toSeconds() || signatureHeader == null) {
      return false;
    }
    return MessageDigest.isEqual(sign(key, timestamp, body).getBytes(StandardCharsets.US_ASCII),
        signatureHeader.getBytes(StandardCharsets.US_ASCII));
  }
}
