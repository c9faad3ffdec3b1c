package dev.cutover.api;

import static dev.cutover.testkit.Futures.await;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A company identity provider for tests: RSA keys made here, their JWKS served on 127.0.0.1 (the keys it
 * publishes can change, as in a key rotation), and RS256 JWTs signed with them.
 */
final class TestIdentityProvider implements AutoCloseable {
  static final String ISSUER = "https://idp.example.test/";
  static final String AUDIENCE = "cutover-api";

  record Key(String kid, KeyPair pair) {}

  private final HttpServer server;
  private final List<Key> published = new CopyOnWriteArrayList<>();
  volatile int fetches;

  TestIdentityProvider(Vertx vertx) throws Exception {
    server = await(vertx.createHttpServer().requestHandler(req -> {
      fetches++;
      JsonArray keys = new JsonArray();
      published.forEach(k -> keys.add(jwk(k)));
      req.response().putHeader("Content-Type", "application/json").end(new JsonObject().put("keys", keys).encode());
    }).listen(0, "127.0.0.1"));
  }

  URI jwksUrl() {
    return URI.create("http://127.0.0.1:" + server.actualPort() + "/.well-known/jwks.json");
  }

  static Key newKey(String kid) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    return new Key(kid, g.generateKeyPair());
  }

  void publish(Key key) {
    published.add(key);
  }

  private static JsonObject jwk(Key k) {
    RSAPublicKey pub = (RSAPublicKey) k.pair().getPublic();
    return new JsonObject().put("kty", "RSA").put("use", "sig").put("alg", "RS256").put("kid", k.kid())
        .put("n", b64(unsigned(pub.getModulus()))).put("e", b64(unsigned(pub.getPublicExponent())));
  }

  /** Claims with this provider's issuer and audience, the subject and role, valid for 10 minutes from now. */
  static JsonObject claims(String subject, Object role) {
    long now = Instant.now().getEpochSecond();
    JsonObject c = new JsonObject().put("iss", ISSUER).put("aud", AUDIENCE).put("sub", subject)
        .put("iat", now).put("exp", now + 600);
    if (role != null) {
      c.put("cutover_role", role);
    }
    return c;
  }

  static String sign(Key key, JsonObject claims) throws Exception {
    String header = b64(new JsonObject().put("alg", "RS256").put("typ", "JWT").put("kid", key.kid()).encode()
        .getBytes(StandardCharsets.UTF_8));
    String payload = b64(claims.encode().getBytes(StandardCharsets.UTF_8));
    return header + "." + payload + "." + b64(rs256(key.pair().getPrivate(), header + "." + payload));
  }

  /** An unsigned token ({@code alg: none}), which must never be accepted. */
  static String unsigned(JsonObject claims) {
    return b64("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
        + b64(claims.encode().getBytes(StandardCharsets.UTF_8)) + ".";
  }

  private static byte[] rs256(PrivateKey key, String signingInput) throws Exception {
    Signature s = Signature.getInstance("SHA256withRSA");
    s.initSign(key);
    s.update(signingInput.getBytes(StandardCharsets.US_ASCII));
    return s.sign();
  }

  private static byte[] unsigned(BigInteger i) {
    byte[] b = i.toByteArray();
    return b[0] == 0 ? Arrays.copyOfRange(b, 1, b.length) : b;
  }

  static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  @Override
  public void close() throws Exception {
    await(server.close());
  }
}
