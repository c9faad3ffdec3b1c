package dev.cutover.app;

import dev.cutover.aws.AwsClients;
import dev.cutover.aws.CloudWatchSignals;
import dev.cutover.aws.Resilient;
import dev.cutover.aws.Route53Blocking;
import dev.cutover.aws.Route53Weights;
import dev.cutover.cli.CliExit;
import dev.cutover.cli.CutoverCli;
import dev.cutover.cli.Environment;
import dev.cutover.domain.ExitCode;
import dev.cutover.domain.Plan;
import dev.cutover.engine.BatchedSignals;
import dev.cutover.engine.BatchedWeights;
import dev.cutover.engine.Supervisor;
import dev.cutover.journal.DynamoClients;
import dev.cutover.journal.DynamoPlanCatalog;
import dev.cutover.journal.LocalPlanCatalog;
import dev.cutover.port.PlanCatalog;
import dev.cutover.journal.DynamoPlanStore;
import dev.cutover.journal.DynamoTokenStore;
import dev.cutover.journal.LocalPlanStore;
import dev.cutover.journal.LocalTokenStore;
import dev.cutover.journal.StateDir;
import dev.cutover.port.BlockingDnsWeights;
import dev.cutover.port.DnsWeights;
import dev.cutover.port.PlanStore;
import dev.cutover.port.Scheduler;
import dev.cutover.port.Signals;
import dev.cutover.port.TokenStore;
import dev.cutover.time.VertxScheduler;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.route53.Route53AsyncClient;
import software.amazon.awssdk.services.route53.Route53Client;

/**
 * Real AWS (or any endpoint speaking its protocols, like the sandbox): SDK v2 async clients with the SDK's
 * standard configuration, wrapped by the adapters' retry, rate limit and circuit breaker.
 */
public final class AppEnvironment implements Environment, AutoCloseable {
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(3);
  private final CutoverCli.Options options;
  private final PrintStream out;
  private final PrintStream err;
  private final double speed;
  private final LoopbackEndpoints endpoints;
  private Vertx vertx;
  private boolean ownsVertx;
  private Scheduler scheduler;
  private Route53AsyncClient route53;
  private Route53Client route53Blocking;
  private CloudWatchAsyncClient cloudWatch;
  private DynamoDbAsyncClient dynamo;
  private final java.util.Set<String> usableTables = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private software.amazon.awssdk.auth.credentials.AwsCredentialsProvider credentials;
  private static final Duration CLOUDWATCH_MIN_DEADLINE = Duration.ofSeconds(5);
  private Resilient.Shared route53Shared;
  private Resilient.Shared cloudWatchShared;
  private double route53Rate;
  private BatchedWeights.Batches weightBatches;
  private BatchedSignals.Batches alarmBatches;
  private Duration attemptTimeout = AwsClients.Options.DEFAULTS.attemptTimeout();
  private Duration callTimeout = AwsClients.Options.DEFAULTS.callTimeout();
  private dev.cutover.drain.HerokuDrains herokuDrains;
  private dev.cutover.port.HerokuTraffic herokuTraffic;

  public AppEnvironment(CutoverCli.Options options, PrintStream out, PrintStream err, double speed) {
    this.options = options;
    this.out = out;
    this.err = err;
    this.speed = speed;
    this.endpoints = LoopbackEndpoints.require(speed, options, System::getenv);
  }

  /** Shares a Vert.x instance and a (possibly compressed) scheduler with something else: the sandbox, a test. */
  public AppEnvironment(CutoverCli.Options options, PrintStream out, PrintStream err, Vertx vertx,
      Scheduler scheduler) {
    this(options, out, err, scheduler.speed());
    this.vertx = vertx;
    this.scheduler = scheduler;
  }

  /**
   * Overrides the SDK's per-attempt and per-call timeouts of the Route 53 and CloudWatch clients (defaults
   * {@link AwsClients.Options#DEFAULTS}: 10 s and 15 s, wall time). For tests that compress time and need an
   * unanswered request to time out within a compressed retry deadline; must be called before the first AWS call.
   */
  public synchronized AppEnvironment withAwsTimeouts(Duration attempt, Duration call) {
    if (route53 != null || route53Blocking != null || cloudWatch != null) {
      throw new IllegalStateException("AWS timeouts must be set before the first AWS client is built");
    }
    if (attempt.isNegative() || attempt.isZero() || call.compareTo(attempt) < 0) {
      throw new IllegalArgumentException("need 0 < attempt timeout <= call timeout, got " + attempt + " and " + call);
    }
    this.attemptTimeout = attempt;
    this.callTimeout = call;
    return this;
  }

  @Override
  public synchronized Vertx vertx() {
    if (vertx == null) {
      vertx = Vertx.vertx();
      ownsVertx = true;
    }
    return vertx;
  }

  @Override
  public synchronized Scheduler scheduler() {
    if (scheduler == null) {
      scheduler = speed == 1.0 ? VertxScheduler.wallTime(vertx()) : VertxScheduler.scaled(vertx(), speed);
    }
    return scheduler;
  }

  /** Wall time needs no event loop; compressed time is the scheduler's (shared with the sandbox or a test). */
  @Override
  public synchronized Clock clock() {
    return scheduler == null && speed == 1.0 ? Clock.systemUTC() : scheduler().clock();
  }

  /** Fixed dummy credentials: the sandbox checks no signature, and a demo must not need an AWS account. */
  public AppEnvironment withSandboxCredentials() {
    credentials = software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("AKIDSANDBOX", "sandbox"));
    return this;
  }

  /** Route 53 is global: its client never needs a region, so a 3 a.m. rollback never fails for want of one. */
  private AwsClients.Options route53Options() {
    AwsClients.Options d = AwsClients.Options.DEFAULTS;
    return new AwsClients.Options(endpoints.route53(), null, null, credentials, d.trustManagers(),
        attemptTimeout, callTimeout);
  }

  private AwsClients.Options cloudWatchOptions() {
    AwsClients.Options d = AwsClients.Options.DEFAULTS;
    URI cw = endpoints.cloudWatch();
    boolean overridden = cw != null || System.getenv("AWS_ENDPOINT_URL_CLOUDWATCH") != null;
    return new AwsClients.Options(null, cw, region(overridden), credentials, d.trustManagers(),
        attemptTimeout, callTimeout);
  }

  /** The SDK's region chain; against an endpoint override (sandbox) a missing region defaults to us-east-1. */
  private static Region region(boolean endpointOverridden) {
    try {
      return new DefaultAwsRegionProviderChain().getRegion();
    } catch (SdkClientException e) {
      if (endpointOverridden) {
        return Region.US_EAST_1;
      }
      throw new CliExit(ExitCode.INVALID_INPUT, "no AWS region configured: set AWS_REGION to the region of your"
          + " CloudWatch alarms (or a region in your AWS profile)");
    }
  }

  @Override
  public DnsWeights dns(Plan plan) {
    Resilient.Settings settings = Resilient.Settings.route53(plan.faults());
    return new Route53Weights(route53Client(), new Resilient(vertx(), scheduler(), settings, route53Budget(settings)));
  }

  /**
   * Sets the process's Route 53 request rate (every cutover's calls together; {@code serve --route53-rate}); must
   * be called before the first Route 53 call. Without it, the first plan's {@code faults.route53RatePerSecond}.
   */
  public synchronized AppEnvironment withRoute53Rate(double perSecond) {
    if (route53Shared != null) {
      throw new IllegalStateException("the Route 53 budget is already in use");
    }
    route53Rate = perSecond;
    return this;
  }

  /** One Route 53 budget and breaker for the whole process, i.e. the account (README, "One account, one budget"). */
  private synchronized Resilient.Shared route53Budget(Resilient.Settings first) {
    if (route53Shared == null) {
      route53Shared = Resilient.Shared.of(scheduler(), route53Rate > 0 ? first.withRate(route53Rate) : first);
    }
    return route53Shared;
  }

  private synchronized Resilient.Shared cloudWatchBudget(Resilient.Settings first) {
    if (cloudWatchShared == null) {
      cloudWatchShared = Resilient.Shared.of(scheduler(), first);
    }
    return cloudWatchShared;
  }

  @Override
  public BlockingDnsWeights blockingDns(Plan plan) {
    return new Route53Blocking(route53BlockingClient(), Resilient.Settings.route53(plan.faults()), clock(), speed,
        attemptTimeout);
  }

  @Override
  public Signals signals(Plan plan) {
    // A gate reading is bounded by the engine (GateWatch: no answer within gates.readBound() is Unknown); the calls
    // themselves may retry a little longer, so that preflight and status survive a cold start (a JVM's first
    // DescribeAlarms took over 750 ms on a loaded machine) without piling up: at most a few seconds.
    Duration bound = plan.gates().readBound();
    Duration deadline = bound.compareTo(CLOUDWATCH_MIN_DEADLINE) > 0 ? bound : CLOUDWATCH_MIN_DEADLINE;
    Resilient.Settings settings = Resilient.Settings.cloudWatch(deadline);
    Resilient r = new Resilient(vertx(), scheduler(), settings, cloudWatchBudget(settings));
    return new CloudWatchSignals(cloudWatchClient(), r);
  }

  /** CloudWatch PutMetricData on the process's CloudWatch budget, behind every gate read. */
  public dev.cutover.port.MetricPublisher metricPublisher() {
    Resilient.Settings settings = Resilient.Settings.cloudWatch(CLOUDWATCH_MIN_DEADLINE);
    return new dev.cutover.aws.CloudWatchMetrics(cloudWatchClient(),
        new Resilient(vertx(), scheduler(), settings, cloudWatchBudget(settings)));
  }

  /** The Heroku drains of this process (one set: {@code --drain}), made on first use. */
  public synchronized dev.cutover.drain.HerokuDrains herokuDrains(dev.cutover.cli.DrainOptions options) {
    if (herokuDrains == null) {
      herokuDrains = DrainWiring.drains(options, scheduler(), System::getenv);
    }
    return herokuDrains;
  }

  /** Heroku's figures from the drains, for gates that read them; empty when no drain is configured. */
  public synchronized java.util.Optional<dev.cutover.port.HerokuTraffic> herokuTraffic() {
    return java.util.Optional.ofNullable(herokuTraffic != null ? herokuTraffic : herokuDrains);
  }

  /** Heroku's figures from elsewhere (a rehearsal's drain). */
  public synchronized AppEnvironment withHerokuTraffic(dev.cutover.port.HerokuTraffic traffic) {
    this.herokuTraffic = traffic;
    return this;
  }

  @Override
  public AutoCloseable receiveDrains(dev.cutover.cli.DrainOptions drains, String bind, int port) {
    return DrainWiring.onOwnPort(this, drains, bind, port);
  }

  private synchronized Route53AsyncClient route53Client() {
    if (route53 == null) {
      route53 = AwsClients.route53(route53Options());
    }
    return route53;
  }

  private synchronized Route53Client route53BlockingClient() {
    if (route53Blocking == null) {
      route53Blocking = AwsClients.route53Blocking(route53Options());
    }
    return route53Blocking;
  }

  private synchronized CloudWatchAsyncClient cloudWatchClient() {
    if (cloudWatch == null) {
      cloudWatch = AwsClients.cloudWatch(cloudWatchOptions());
    }
    return cloudWatch;
  }

  /**
   * Closes the SDK clients, and Vert.x when this environment created it, waiting (a few seconds at most) until its
   * event loops have stopped: a JVM exiting while a thread still waits in native code (an event loop's epoll) waits
   * 0.3 s more for it.
   */
  @Override
  public synchronized void close() {
    if (route53 != null) {
      route53.close();
    }
    if (route53Blocking != null) {
      route53Blocking.close();
    }
    if (cloudWatch != null) {
      cloudWatch.close();
    }
    if (dynamo != null) {
      dynamo.close();
    }
    if (ownsVertx && vertx != null) {
      try {
        vertx.close().toCompletionStage().toCompletableFuture().get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | TimeoutException e) {
        // exiting anyway: the JVM waits a little for what is left
      }
    }
  }

  /**
   * The ports of {@code serve}'s cutovers: each cutover's own adapters (the plan's retry settings), their reads
   * batched with every other cutover's (one range read per zone, one DescribeAlarms for all alarm names).
   */
  public synchronized Supervisor.Wiring fleetWiring() {
    if (weightBatches == null) {
      weightBatches = new BatchedWeights.Batches(scheduler());
      alarmBatches = new BatchedSignals.Batches(scheduler());
    }
    BatchedWeights.Batches w = weightBatches;
    BatchedSignals.Batches a = alarmBatches;
    Supervisor.Wiring own = wiring();
    return new Supervisor.Wiring() {
      @Override
      public DnsWeights dns(Plan plan) {
        return new BatchedWeights(own.dns(plan), w);
      }

      @Override
      public Signals signals(Plan plan) {
        return new BatchedSignals(own.signals(plan), a);
      }

      @Override
      public PlanStore store(String planName) {
        return own.store(planName);
      }
    };
  }

  /** Where {@code serve} keeps the plans it runs: beside their journals, in the state dir or the DynamoDB table. */
  public PlanCatalog catalog() {
    String table = dynamoTable();
    if (table == null) {
      return new LocalPlanCatalog(vertx(), localStateDir());
    }
    return new DynamoPlanCatalog(vertx(), dynamoClient(), table);
  }

  /** "local (DIR)" or "dynamodb:TABLE", for messages. */
  public String storeName() {
    String table = dynamoTable();
    return table == null ? "local (" + StateDir.resolve(options.stateDir()).root() + ")" : "dynamodb:" + table;
  }

  @Override
  public PlanStore store(String planName) {
    String table = dynamoTable();
    if (table == null) {
      return new LocalPlanStore(vertx(), localStateDir(), planName);
    }
    DynamoPlanStore store = new DynamoPlanStore(vertx(), scheduler(), dynamoClient(),
        leaseSettings(table), planName);
    return usable(table, store::createTableIfMissing, store);
  }

  @Override
  public dev.cutover.port.BlockingPlanStore blockingStore(String planName) {
    return dynamoTable() == null ? new dev.cutover.journal.LocalBlockingStore(localStateDir(), planName) : null;
  }

  @Override
  public TokenStore tokens() {
    String table = dynamoTable();
    if (table == null) {
      return LocalTokenStore.in(vertx(), localStateDir());
    }
    DynamoTokenStore tokens = new DynamoTokenStore(vertx(), dynamoClient(), table);
    return usable(table, tokens::createTableIfMissing, tokens);
  }

  /** The state dir of the local store, once it is known to be usable (else exit 2 or 3 saying why). */
  private StateDir localStateDir() {
    StateDir dir = StateDir.resolve(options.stateDir());
    StateDirs.problem(dir.root()).ifPresent(problem -> {
      throw problem;
    });
    return dir;
  }

  private DynamoPlanStore.Settings leaseSettings(String table) {
    java.time.Duration lease = options.lease() != null ? options.lease() : DynamoPlanStore.DEFAULT_LEASE;
    if (lease.compareTo(java.time.Duration.ofSeconds(3)) < 0) {
      throw new CliExit(ExitCode.INVALID_INPUT, "--lease " + lease.toMillis() + " ms is too short: a lease is renewed"
          + " every third of it, give at least 3s");
    }
    return DynamoPlanStore.Settings.DEFAULTS.withTable(table).withLease(lease);
  }

  /** The DynamoDB table of --store (or $CUTOVER_STORE), or null for the local state directory. */
  private String dynamoTable() {
    String spec = options.store() != null ? options.store() : System.getenv("CUTOVER_STORE");
    if (spec == null || spec.isBlank() || spec.equals("local")) {
      return null;
    }
    if (!spec.equals("dynamodb") && !spec.startsWith("dynamodb:")) {
      throw new CliExit(ExitCode.INVALID_INPUT, "unknown store `" + spec + "`: use local, dynamodb or"
          + " dynamodb:TABLE");
    }
    return spec.contains(":") ? spec.substring(spec.indexOf(':') + 1) : DynamoPlanStore.DEFAULT_TABLE;
  }

  /**
   * The store, once its table is known to be usable (else exit 3 saying why). The table is checked once per process,
   * by the first use, which is on the command's own thread: {@code serve} asks for stores on the event loop (a plan
   * submitted, a takeover scan), where waiting for the check would block the very thread that completes it.
   */
  private <T> T usable(String table, java.util.function.Supplier<io.vertx.core.Future<Void>> create, T store) {
    if (usableTables.contains(table)) {
      return store;
    }
    try {
      create.get().toCompletionStage().toCompletableFuture().get();
    } catch (Exception e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new CliExit(ExitCode.PREFLIGHT_FAILED, "the DynamoDB table " + table + " cannot be used: "
          + cause.getMessage() + " — check AWS_REGION, credentials and dynamodb:* permissions on the table");
    }
    usableTables.add(table);
    return store;
  }

  private synchronized DynamoDbAsyncClient dynamoClient() {
    if (dynamo == null) {
      DynamoClients.Options o = DynamoClients.Options.DEFAULTS.withRegion(region(
          endpoints.dynamoDb() != null || System.getenv("AWS_ENDPOINT_URL_DYNAMODB") != null));
      dynamo = DynamoClients.dynamoDb(endpoints.dynamoDb() == null ? o : o.withEndpoint(endpoints.dynamoDb()));
    }
    return dynamo;
  }

  @Override
  public dev.cutover.port.Notifications notifications(java.nio.file.Path file, URI publicUrl) {
    return file == null ? dev.cutover.port.Notifications.NONE
        : NotifyFile.open(vertx(), file, publicUrl, err, System::getenv);
  }

  @Override
  public PrintStream out() {
    return out;
  }

  @Override
  public PrintStream err() {
    return err;
  }

  @Override
  public String actor() {
    if (options.by() != null && !options.by().isBlank()) {
      return options.by();
    }
    String env = System.getenv("CUTOVER_BY");
    if (env != null && !env.isBlank()) {
      return env;
    }
    String user = System.getProperty("user.name", "unknown");
    try {
      return user + "@" + InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      return user;
    }
  }
}
