package dev.cutover.sandbox;

import dev.cutover.port.Scheduler;
import dev.cutover.sandbox.cloudwatch.CloudWatchApi;
import dev.cutover.sandbox.cloudwatch.CloudWatchFaults;
import dev.cutover.sandbox.cloudwatch.CloudWatchModel;
import dev.cutover.sandbox.quota.RequestRate;
import dev.cutover.sandbox.route53.Route53Api;
import dev.cutover.sandbox.route53.Route53Faults;
import dev.cutover.sandbox.route53.Route53Model;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The sandbox AWS: one Vert.x HTTP server that answers both Route 53 (REST-XML under {@code /2013-04-01/}) and
 * CloudWatch (RPC v2 CBOR under {@code /service/...}, JSON 1.0 and Query at {@code POST /}), so one endpoint serves
 * both SDK clients. Both models run on the injected scheduler's clock; alarms are evaluated every 10 s of
 * scheduler time; a Route 53 change stays PENDING for a random 20-60 s of scheduler time, as in AWS. Each service
 * throttles above its request quota ({@link Options#route53Rate()}, {@link Options#cloudWatchRate()}), and a
 * connection that does not finish its request headers or stays idle is closed ({@link ConnectionTimeouts}).
 */
public final class SandboxServer {
  private final Scheduler scheduler;
  private final Options options;
  private final Route53Model route53;
  private final CloudWatchModel cloudWatch;
  private final CloudWatchFaults cloudWatchFaults;
  private final CloudWatchApi cloudWatchApi;
  private HttpServer http;
  private long evaluationTimer;

  /**
   * @param host the address to bind (loopback by default: the sandbox has no authentication)
   * @param port 0 for any free port
   * @param insyncMin the shortest time a change stays PENDING (scheduler time)
   * @param insyncMax the longest; each change draws uniformly in between
   * @param evaluateEvery how often alarms are evaluated (scheduler time; CloudWatch evaluates about every minute
   *     and the sandbox more often, so a trip shows early in a compressed run)
   * @param seed the seed of the INSYNC delays
   * @param route53Rate Route 53's API request quota (scheduler time), {@link RequestRate#UNLIMITED} for none
   * @param cloudWatchRate CloudWatch's API request quota, all operations together
   * @param timeouts how long a connection may take to send its request headers, and stay idle (wall time)
   */
  public record Options(String host, int port, Duration insyncMin, Duration insyncMax, Duration evaluateEvery,
      long seed, RequestRate route53Rate, RequestRate cloudWatchRate, ConnectionTimeouts timeouts) {
    public Options {
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(route53Rate, "route53Rate");
      Objects.requireNonNull(cloudWatchRate, "cloudWatchRate");
      Objects.requireNonNull(timeouts, "timeouts");
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be from 0 to 65535, got " + port);
      }
      if (insyncMin.isNegative() || insyncMax.compareTo(insyncMin) < 0) {
        throw new IllegalArgumentException("INSYNC delay needs 0 <= min <= max, got " + insyncMin + " and "
            + insyncMax);
      }
      if (evaluateEvery.isNegative() || evaluateEvery.isZero()) {
        throw new IllegalArgumentException("evaluateEvery must be positive, got " + evaluateEvery);
      }
    }

    /**
     * 127.0.0.1, any port, INSYNC after 20-60 s, alarms evaluated every 10 s, seed 1, the AWS-like request quotas
     * of {@link Route53Faults#DEFAULT_RATE} and {@link CloudWatchFaults#DEFAULT_RATE}, and
     * {@link ConnectionTimeouts#DEFAULTS}.
     */
    public static Options defaults() {
      return new Options("127.0.0.1", 0, Duration.ofSeconds(20), Duration.ofSeconds(60), Duration.ofSeconds(10), 1,
          Route53Faults.DEFAULT_RATE, CloudWatchFaults.DEFAULT_RATE, ConnectionTimeouts.DEFAULTS);
    }

    public Options withPort(int newPort) {
      return new Options(host, newPort, insyncMin, insyncMax, evaluateEvery, seed, route53Rate, cloudWatchRate,
          timeouts);
    }

    public Options withInsyncDelay(Duration min, Duration max) {
      return new Options(host, port, min, max, evaluateEvery, seed, route53Rate, cloudWatchRate, timeouts);
    }

    public Options withSeed(long newSeed) {
      return new Options(host, port, insyncMin, insyncMax, evaluateEvery, newSeed, route53Rate, cloudWatchRate,
          timeouts);
    }

    /** The request quotas of both services ({@link RequestRate#UNLIMITED}: throttling off). */
    public Options withRates(RequestRate route53, RequestRate cloudWatch) {
      return new Options(host, port, insyncMin, insyncMax, evaluateEvery, seed, route53, cloudWatch, timeouts);
    }

    public Options withTimeouts(ConnectionTimeouts newTimeouts) {
      return new Options(host, port, insyncMin, insyncMax, evaluateEvery, seed, route53Rate, cloudWatchRate,
          newTimeouts);
    }
  }

  private SandboxServer(Scheduler scheduler, Options options) {
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.options = Objects.requireNonNull(options, "options");
    this.route53 = new Route53Model(scheduler.clock());
    this.cloudWatch = new CloudWatchModel(scheduler.clock());
    this.cloudWatchFaults = new CloudWatchFaults(scheduler.clock());
    this.cloudWatchApi = new CloudWatchApi(cloudWatch, cloudWatchFaults);
    route53.faults().rateLimit(options.route53Rate());
    cloudWatchFaults.rateLimit(options.cloudWatchRate());
    InsyncDelays delays = new InsyncDelays(options, route53);
    route53.onChange(change -> delays.next());
  }

  /** Starts the models, the alarm evaluation timer and the HTTP server; fails if the port is taken. */
  public static Future<SandboxServer> start(Vertx vertx, Scheduler scheduler, Options options) {
    SandboxServer server = new SandboxServer(scheduler, options);
    Router router = Router.router(vertx);
    new Route53Api(server.route53).mount(router);
    server.cloudWatchApi.mount(router);
    return options.timeouts().listen(vertx, router, options.port(), options.host())
        .map(http -> {
          server.http = http;
          server.evaluationTimer = scheduler.periodic(options.evaluateEvery(), server.cloudWatch::evaluateAll);
          return server;
        });
  }

  /** Where both SDK clients point ({@code endpointOverride}), e.g. {@code http://127.0.0.1:41234}. */
  public URI endpoint() {
    String host = options.host().equals("0.0.0.0") || options.host().equals("::") ? "127.0.0.1" : options.host();
    return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + http.actualPort());
  }

  public int port() {
    return http.actualPort();
  }

  public Scheduler scheduler() {
    return scheduler;
  }

  public Route53Model route53() {
    return route53;
  }

  public CloudWatchModel cloudWatch() {
    return cloudWatch;
  }

  /** CloudWatch's runtime faults (unavailable / throttled until a time), applied by the HTTP face. */
  public CloudWatchFaults cloudWatchFaults() {
    return cloudWatchFaults;
  }

  public CloudWatchApi cloudWatchApi() {
    return cloudWatchApi;
  }

  /** Stops the evaluation timer and the HTTP server; the Vert.x instance belongs to the caller. */
  public Future<Void> close() {
    scheduler.cancel(evaluationTimer);
    return http == null ? Future.succeededFuture() : http.close();
  }

  /** Draws each change's PENDING time: the model applies the current delay to the next change submitted. */
  private static final class InsyncDelays {
    private final SplittableRandom random;
    private final Options options;
    private final Route53Model model;

    InsyncDelays(Options options, Route53Model model) {
      this.random = new SplittableRandom(options.seed());
      this.options = options;
      this.model = model;
      next();
    }

    synchronized void next() {
      long min = options.insyncMin().toMillis();
      long max = options.insyncMax().toMillis();
      model.insyncDelay(Duration.ofMillis(max > min ? min + random.nextLong(max - min + 1) : min));
    }
  }
}
