package dev.cutover.sandbox.route53;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.route53.Route53AsyncClient;

/**
 * Test helper: a Vert.x HTTP server on 127.0.0.1, port 0, with {@link Route53Api} mounted on a Router, and a real
 * {@link Route53AsyncClient} (Netty, aws-global, dummy keys, no retries) pointed at it.
 */
final class Route53SandboxServer implements AutoCloseable {
  /**
   * One Netty client for all tests of the JVM: closing a Netty event loop takes about two seconds of quiet period,
   * which per test would dominate the suite. The SDK does not close an HTTP client it was handed.
   */
  private static final SdkAsyncHttpClient SHARED_HTTP =
      NettyNioAsyncHttpClient.builder().connectionTimeout(Duration.ofSeconds(5)).build();

  private final Vertx vertx;
  private final HttpServer server;
  private final Route53Model model;
  private final Route53AsyncClient client;

  private Route53SandboxServer(Vertx vertx, HttpServer server, Route53Model model) {
    this.vertx = vertx;
    this.server = server;
    this.model = model;
    this.client = Route53AsyncClient.builder()
        .endpointOverride(URI.create(endpoint()))
        .region(Region.AWS_GLOBAL)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDSANDBOX", "secret")))
        .httpClient(SHARED_HTTP)
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())
            .apiCallTimeout(Duration.ofSeconds(10)))
        .build();
  }

  static Route53SandboxServer start(Route53Model model) {
    Vertx vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    new Route53Api(model).mount(router);
    HttpServer server = await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
        .toCompletionStage().toCompletableFuture());
    return new Route53SandboxServer(vertx, server, model);
  }

  Route53Model model() {
    return model;
  }

  Route53AsyncClient client() {
    return client;
  }

  int port() {
    return server.actualPort();
  }

  String endpoint() {
    return "http://127.0.0.1:" + port();
  }

  @Override
  public void close() {
    client.close();
    await(vertx.close().toCompletionStage().toCompletableFuture());
  }

  static <T> T await(CompletableFuture<T> future) {
    try {
      return future.get(20, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
