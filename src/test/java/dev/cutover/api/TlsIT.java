package dev.cutover.api;

import static dev.cutover.testkit.Futures.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.port.Role;
import io.vertx.core.Vertx;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API over TLS from a PEM certificate and key: a self-signed certificate for 127.0.0.1 made in the test with
 * the JDK's keytool, its key written as PKCS#8 PEM; the client trusts exactly that certificate.
 */
@Timeout(120)
class TlsIT {
  static final char[] PASSWORD = "changeit".toCharArray();
  @TempDir static Path dir;
  static Certificate certificate;
  static ApiFixture api;

  @BeforeAll
  static void start() throws Exception {
    Path keystore = dir.resolve("api.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "api", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
        "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
        "-keystore", keystore.toString(), "-storepass", "changeit", "-keypass", "changeit")
        .redirectErrorStream(true).start();
    String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).as("keytool ends").isTrue();
    assertThat(keytool.exitValue()).as(output).isZero();

    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      ks.load(in, PASSWORD);
    }
    certificate = ks.getCertificate("api");
    Path cert = pem(dir.resolve("api.crt"), "CERTIFICATE", certificate.getEncoded());
    Path key = pem(dir.resolve("api.key"), "PRIVATE KEY", ((PrivateKey) ks.getKey("api", PASSWORD)).getEncoded());

    api = ApiFixture.start(dir, ApiServer.Options.defaults().withAddress("127.0.0.1", 0)
        .withTls(new ApiServer.Tls(cert, key)), HttpClient.newBuilder().sslContext(trusting(certificate))
        .connectTimeout(Duration.ofSeconds(5)).build());
  }

  @AfterAll
  static void stop() throws Exception {
    api.close();
  }

  static Path pem(Path file, String type, byte[] der) throws Exception {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return Files.writeString(file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n");
  }

  static SSLContext trusting(Certificate cert) throws Exception {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    trust.setCertificateEntry("api", cert);
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }

  @Test
  void theApiAnswersOverHttpsWithTheGivenCertificate() throws Exception {
    assertThat(api.base.getScheme()).isEqualTo("https");
    assertThat(api.get("/healthz", (String) null).statusCode()).isEqualTo(200);

    HttpResponse<String> r = api.get("/cutovers", Role.VIEWER);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.sslSession()).hasValueSatisfying(s -> {
      try {
        assertThat(s.getPeerCertificates()[0]).isEqualTo(certificate);
      } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
        throw new AssertionError(e);
      }
    });
  }

  @Test
  void theDashboardsSessionCookieIsSecureOverTls() throws Exception {
    WebSession s = WebSession.open(api, api.token.get(Role.VIEWER));

    assertThat(s.setCookie()).containsIgnoringCase("; Secure").containsIgnoringCase("; HttpOnly")
        .contains("; SameSite=Strict");
  }

  @Test
  void aClientThatDoesNotTrustTheCertificateCannotConnect() {
    HttpClient stranger = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create(api.base + "/healthz")).timeout(Duration.ofSeconds(10))
        .build();

    assertThatThrownBy(() -> stranger.send(request, HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(SSLHandshakeException.class);
  }

  @Test
  void plainHttpToTheTlsPortGetsNoApiAnswer() {
    HttpRequest request = HttpRequest.newBuilder(URI.create(api.base.toString().replace("https:", "http:")
        + "/healthz")).timeout(Duration.ofSeconds(10)).build();
    HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    assertThatThrownBy(() -> plain.send(request, HttpResponse.BodyHandlers.ofString()))
        .as("the TLS port closes a plain HTTP connection").isInstanceOf(java.io.IOException.class);
  }

  @Test
  void aMissingCertificateFileStopsTheServerFromStartingWithAClearMessage() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Throwable e = failure(ApiServer.start(vertx, api.fleet, api.tokens, ApiServer.Options.defaults()
          .withAddress("127.0.0.1", 0).withTls(new ApiServer.Tls(dir.resolve("none.crt"), dir.resolve("api.key")))));
      assertThat(e).hasMessageContaining("none.crt").hasMessageContaining("missing or unreadable");
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }
  }
}
