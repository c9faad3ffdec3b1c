package dev.cutover.sandbox.cloudwatch;

import dev.cutover.testkit.MutableClock;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;

/**
 * Test kit: the sandbox CloudWatch on a Vert.x HTTP server at 127.0.0.1 on a free port, on a mutable clock, and
 * real AWS SDK v2 async clients pointed at it.
 */
final class CloudWatchSandbox implements AutoCloseable {
  /** Shared by every client of the test JVM: closing a client then skips Netty's graceful-shutdown wait. */
  private static final SdkEventLoopGroup CLIENT_LOOP = SdkEventLoopGroup.builder().numberOfThreads(2).build();

  final MutableClock clock;
  final CloudWatchModel model;
  final CloudWatchFaults faults;
  final CloudWatchApi api;
  private final Vertx vertx;
  private final HttpServer server;
  private CloudWatchAsyncClient client;
  private CloudWatchAsyncClient noRetryClient;

  private CloudWatchSandbox(Instant start) throws Exception {
    clock = new MutableClock(start);
    model = new CloudWatchModel(clock);
    faults = new CloudWatchFaults(clock);
    api = new CloudWatchApi(model, faults);
    vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    api.mount(router);
    server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  static CloudWatchSandbox start(Instant start) throws Exception {
    return new CloudWatchSandbox(start);
  }

  int port() {
    return server.actualPort();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + port());
  }

  /** A client with the SDK's default retries. */
  synchronized CloudWatchAsyncClient client() {
    if (client == null) {
      client = build(false);
    }
    return client;
  }

  /** A client that does not retry, to see errors as the service sent them. */
  synchronized CloudWatchAsyncClient noRetryClient() {
    if (noRetryClient == null) {
      noRetryClient = build(true);
    }
    return noRetryClient;
  }

  private CloudWatchAsyncClient build(boolean noRetry) {
    return CloudWatchAsyncClient.builder()
        .endpointOverride(endpoint())
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
        .httpClientBuilder(NettyNioAsyncHttpClient.builder().eventLoopGroup(CLIENT_LOOP))
        .overrideConfiguration(o -> {
          if (noRetry) {
            o.retryStrategy(AwsRetryStrategy.doNotRetry());
          }
        })
        .build();
  }

  /** The SDK call's result, waiting at most 20 s. */
  static <T> T await(java.util.concurrent.CompletableFuture<T> f) throws Exception {
    return f.get(20, TimeUnit.SECONDS);
  }

  /** The failure of an SDK call that must fail (its cause, unwrapped). */
  static Throwable failure(java.util.concurrent.CompletableFuture<?> f) {
    try {
      f.get(20, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      return e;
    }
    throw new AssertionError("expected the call to fail");
  }

  @Override
  public void close() throws java.io.IOException {
    if (client != null) {
      client.close();
    }
    if (noRetryClient != null) {
      noRetryClient.close();
    }
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new java.io.IOException("could not stop the sandbox's Vert.x", e);
    }
  }
}
