package dev.cutover.bench;

import dev.cutover.sandbox.cloudwatch.CloudWatchApi;
import dev.cutover.sandbox.cloudwatch.CloudWatchFaults;
import dev.cutover.sandbox.cloudwatch.CloudWatchModel;
import dev.cutover.sandbox.route53.Route53Api;
import dev.cutover.sandbox.route53.Route53Model;
import dev.cutover.time.VertxScheduler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The sandbox's Route 53 and CloudWatch on one loopback port, in wall time, with a first route that sees every
 * request as it arrives (before any body is read) and can watch when its response headers go out. Wired like
 * {@code SandboxServer} but without the alarm evaluation timer, so a state set by the benchmark stays until it
 * sets another.
 */
final class HookedSandbox implements AutoCloseable {
  /** Called on the event loop for each request: its arrival time (nanoTime), and hooks on its response. */
  interface Watcher {
    void onRequest(io.vertx.ext.web.RoutingContext ctx, long arrivedNanos);
  }

  final Route53Model route53;
  final CloudWatchModel cloudWatch;
  final URI endpoint;
  private final HttpServer server;
  volatile Watcher watcher = (ctx, t) -> { };
  /** While true for a request, it is parked unanswered (a stalled endpoint) until {@link #release}. */
  volatile java.util.function.Predicate<io.vertx.ext.web.RoutingContext> hold = ctx -> false;
  private final java.util.Queue<Runnable> parked = new java.util.concurrent.ConcurrentLinkedQueue<>();

  HookedSandbox(Vertx vertx, Duration insyncDelay) throws Exception {
    VertxScheduler scheduler = VertxScheduler.wallTime(vertx);
    route53 = new Route53Model(scheduler.clock());
    route53.insyncDelay(insyncDelay);
    route53.faults().rateLimit(100_000, 100_000); // a benchmark measures reaction, not Route 53's API quota
    cloudWatch = new CloudWatchModel(scheduler.clock());
    Router router = Router.router(vertx);
    router.route().handler(ctx -> {
      watcher.onRequest(ctx, System.nanoTime());
      if (hold.test(ctx)) {
        io.vertx.core.Context context = vertx.getOrCreateContext();
        parked.add(() -> context.runOnContext(v -> ctx.next()));
      } else {
        ctx.next();
      }
    });
    new Route53Api(route53).mount(router);
    new CloudWatchApi(cloudWatch, new CloudWatchFaults(scheduler.clock())).mount(router);
    server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    endpoint = URI.create("http://127.0.0.1:" + server.actualPort());
  }

  /** Stops holding requests and lets every parked one through. */
  void release() {
    hold = ctx -> false;
    Runnable r;
    while ((r = parked.poll()) != null) {
      r.run();
    }
  }

  static boolean isRoute53(io.vertx.ext.web.RoutingContext ctx) {
    return ctx.request().path().startsWith("/2013-04-01/");
  }

  static boolean isRevertOrShift(io.vertx.ext.web.RoutingContext ctx) {
    return ctx.request().method() == HttpMethod.POST && ctx.request().path().matches(".*/hostedzone/[^/]+/rrset/?");
  }

  static boolean isCloudWatch(io.vertx.ext.web.RoutingContext ctx) {
    String p = ctx.request().path();
    return ctx.request().method() == HttpMethod.POST && (p.equals("/") || p.startsWith("/service/"));
  }

  @Override
  public void close() throws Exception {
    server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
