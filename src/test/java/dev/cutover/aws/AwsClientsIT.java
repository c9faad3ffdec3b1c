package dev.cutover.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.cutover.aws.AwsWireMock.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.cutover.time.VertxScheduler;
import io.vertx.core.Vertx;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.TlsTrustManagersProvider;
import software.amazon.awssdk.services.route53.Route53AsyncClient;

/** The client factory over real transports: TLS through the SDK's Netty client, and endpoints from settings. */
class AwsClientsIT {
  static final String PASSWORD = "changeit";

  Vertx vertx;
  WireMockServer server;

  @BeforeEach
  void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.stop();
    }
    vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  @Test
  void route53CallSucceedsOverTlsWithATrustedSelfSignedCertificate(@TempDir Path dir) throws Exception {
    Path keystore = selfSignedKeystore(dir);
    server = new WireMockServer(wireMockConfig().httpDisabled(true).dynamicHttpsPort().bindAddress("127.0.0.1")
        .keystorePath(keystore.toString()).keystoreType("PKCS12")
        .keystorePassword(PASSWORD).keyManagerPassword(PASSWORD));
    server.start();
    server.stubFor(get(urlPathEqualTo("/2013-04-01/change/C1"))
        .willReturn(Route53Xml.changeInfo("GetChangeResponse", "C1", "INSYNC")));
    AwsClients.Options options = AwsWireMock.testOptions(URI.create("https://127.0.0.1:" + server.httpsPort()))
        .withTrustManagers(trusting(keystore));

    try (Route53AsyncClient client = AwsClients.route53(options)) {
      var weights = new Route53Weights(client, new Resilient(vertx, VertxScheduler.wallTime(vertx),
          Resilient.Settings.route53(dev.cutover.domain.FaultPolicy.DEFAULT)));
      await(weights.awaitInSync("C1", Duration.ofSeconds(5)));
    }

    assertThat(server.getAllServeEvents()).hasSize(1);
    assertThat(server.getAllServeEvents().get(0).getRequest().getAbsoluteUrl()).startsWith("https://");
  }

  @Test
  void route53EndpointComesFromTheStandardSettingWhenNoOverrideIsGiven() throws Exception {
    server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
    server.stubFor(get(urlPathEqualTo("/2013-04-01/change/C1"))
        .willReturn(Route53Xml.changeInfo("GetChangeResponse", "C1", "INSYNC")));
    // the JVM-property twin of AWS_ENDPOINT_URL_ROUTE_53, which a test cannot set
    System.setProperty("aws.endpointUrlRoute53", "http://127.0.0.1:" + server.port());
    try (Route53AsyncClient client = AwsClients.route53(AwsClients.Options.DEFAULTS.withCredentials(
        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret"))))) {
      assertThat(client.getChange(r -> r.id("C1")).get(5, TimeUnit.SECONDS).changeInfo().statusAsString())
          .isEqualTo("INSYNC");
    } finally {
      System.clearProperty("aws.endpointUrlRoute53");
    }
    assertThat(server.getAllServeEvents()).hasSize(1);
  }

  /** A PKCS12 keystore with a certificate for 127.0.0.1 and localhost, made by the JDK's keytool. */
  private static Path selfSignedKeystore(Path dir) throws Exception {
    Path keystore = dir.resolve("wiremock.p12");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "wiremock", "-keyalg", "RSA",
        "-keysize", "2048", "-validity", "2", "-dname", "CN=localhost",
        "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12", "-keystore", keystore.toString(),
        "-storepass", PASSWORD, "-keypass", PASSWORD).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    return keystore;
  }

  /** Trust exactly the keystore's certificate. */
  private static TlsTrustManagersProvider trusting(Path keystore) throws Exception {
    KeyStore source = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      source.load(in, PASSWORD.toCharArray());
    }
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    trust.setCertificateEntry("wiremock", source.getCertificate("wiremock"));
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    return tmf::getTrustManagers;
  }
}
