package dev.cutover.app;

import dev.cutover.cli.CutoverCli;
import dev.cutover.sandbox.cloudwatch.CloudWatchApi;
import dev.cutover.sandbox.cloudwatch.CloudWatchFaults;
import dev.cutover.sandbox.cloudwatch.CloudWatchModel;
import dev.cutover.sandbox.route53.ChangeEvent;
import dev.cutover.sandbox.route53.RecordSet;
import dev.cutover.sandbox.route53.Route53Api;
import dev.cutover.sandbox.route53.Route53Model;
import dev.cutover.time.VertxScheduler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.route53.Route53AsyncClient;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.RRType;

/**
 * Route 53 and CloudWatch sandboxes on one loopback port, time compressed {@code speed} times, and the real
 * {@code cutover} command line pointed at them. The world is set up through the real (synchronous) SDK
 * clients, as a user would with the AWS CLI.
 */
final class SandboxFixture implements AutoCloseable {
  final Vertx vertx;
  final VertxScheduler scheduler;
  final Route53Model route53;
  final CloudWatchModel cloudWatch;
  final CloudWatchFaults cloudWatchFaults;
  final URI endpoint;
  final Path stateDir;
  final List<ChangeEvent> changes = Collections.synchronizedList(new ArrayList<>());
  private final HttpServer server;
  private final Route53AsyncClient r53;
  private final CloudWatchAsyncClient cw;
  String zoneId;
  /** Where the command line sends its Route 53 and CloudWatch calls: the sandbox, or a proxy in front of it. */
  URI cliEndpoint;
  /** Sees every request first, before the sandbox handles it (a test may hook its response). */
  volatile java.util.function.Consumer<io.vertx.ext.web.RoutingContext> watcher = ctx -> { };
  /** SDK attempt and call timeouts (wall time) for the command line's clients; null keeps the defaults. */
  private Duration cliAttemptTimeout;
  private Duration cliCallTimeout;

  SandboxFixture(double speed, Path stateDir) throws Exception {
    System.setProperty("aws.accessKeyId", "sandbox");
    System.setProperty("aws.secretAccessKey", "sandbox");
    this.stateDir = stateDir;
    vertx = Vertx.vertx();
    scheduler = VertxScheduler.scaled(vertx, speed);
    route53 = new Route53Model(scheduler.clock());
    cloudWatch = new CloudWatchModel(scheduler.clock());
    cloudWatchFaults = new CloudWatchFaults(scheduler.clock());
    Router router = Router.router(vertx);
    router.route().handler(ctx -> {
      watcher.accept(ctx);
      ctx.next();
    });
    new Route53Api(route53).mount(router);
    new CloudWatchApi(cloudWatch, cloudWatchFaults).mount(router);
    server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    endpoint = URI.create("http://127.0.0.1:" + server.actualPort());
    cliEndpoint = endpoint;
    route53.onChange(changes::add);
    var creds = StaticCredentialsProvider.create(AwsBasicCredentials.create("sandbox", "sandbox"));
    r53 = Route53AsyncClient.builder().endpointOverride(endpoint).region(Region.AWS_GLOBAL).credentialsProvider(creds)
        .overrideConfiguration(c -> c.retryPolicy(RetryPolicy.none())).build();
    cw = CloudWatchAsyncClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(creds)
        .overrideConfiguration(c -> c.retryPolicy(RetryPolicy.none())).build();
  }

  /** Short SDK timeouts for the command line, so an unanswered request fails within a compressed deadline. */
  void cliAwsTimeouts(Duration attempt, Duration call) {
    cliAttemptTimeout = attempt;
    cliCallTimeout = call;
  }

  /** Creates example.com. and returns its bare id. */
  String zone(String name) {
    zoneId = r53.createHostedZone(b -> b.name(name).callerReference("fixture-" + System.nanoTime()))
        .join().hostedZone().id().replace("/hostedzone/", "");
    return zoneId;
  }

  /** UPSERTs the Heroku and AWS weighted CNAMEs of {@code name} (TTL 60). */
  void pair(String name, long herokuWeight, long awsWeight) {
    r53.changeResourceRecordSets(b -> b.hostedZoneId(zoneId).changeBatch(cb -> cb.changes(
        change(name, "heroku", herokuWeight, name.replace('.', '-') + "herokudns.com"),
        change(name, "aws", awsWeight, "alb-1.us-east-1.elb.amazonaws.com")))).join();
  }

  private static software.amazon.awssdk.services.route53.model.Change change(String name, String id, long weight,
      String value) {
    return software.amazon.awssdk.services.route53.model.Change.builder().action(ChangeAction.UPSERT)
        .resourceRecordSet(r -> r.name(name).type(RRType.CNAME).setIdentifier(id).weight(weight).ttl(60L)
            .resourceRecords(v -> v.value(value))).build();
  }

  /** A metric alarm on the AWS load balancer's 5xx count, forced into {@code state}. */
  void alarm(String name, StateValue state) {
    cw.putMetricAlarm(b -> b.alarmName(name).namespace("AWS/ApplicationELB").metricName("HTTPCode_Target_5XX_Count")
        .dimensions(d -> d.name("LoadBalancer").value("app/api/1")).statistic(Statistic.SUM).period(60)
        .evaluationPeriods(1).threshold(10.0).comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)).join();
    setAlarm(name, state);
  }

  void compositeAlarm(String name, String rule, StateValue state) {
    cw.putCompositeAlarm(b -> b.alarmName(name).alarmRule(rule)).join();
    setAlarm(name, state);
  }

  void setAlarm(String name, StateValue state) {
    cw.setAlarmState(b -> b.alarmName(name).stateValue(state).stateReason("set by the test")).join();
  }

  /** [heroku weight, aws weight] of a pair as the sandbox holds it now. */
  long[] weights(String name) {
    long[] w = new long[] {-1, -1};
    for (RecordSet r : route53.records(zoneId)) {
      if (r.name().equals(name) && r.setIdentifier() != null) {
        w[r.setIdentifier().equals("heroku") ? 0 : 1] = r.weight();
      }
    }
    return w;
  }

  Path plan(Path dir, String yaml) throws Exception {
    Path p = dir.resolve("plan.yaml");
    Files.writeString(p, yaml.replace("ZONE", zoneId));
    return p;
  }

  /** Runs one {@code cutover} command in-process; returns its exit code and what it printed. */
  Run cli(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    List<String> all = new ArrayList<>(List.of("--state-dir", stateDir.toString(),
        "--route53-endpoint", cliEndpoint.toString(), "--cloudwatch-endpoint", cliEndpoint.toString(),
        "--by", "tester"));
    all.addAll(List.of(args));
    List<AppEnvironment> envs = new ArrayList<>();
    CutoverCli cli = new CutoverCli(opts -> {
      AppEnvironment env = new AppEnvironment(opts, o, e, vertx, scheduler);
      if (cliAttemptTimeout != null) {
        env.withAwsTimeouts(cliAttemptTimeout, cliCallTimeout);
      }
      envs.add(env);
      return env;
    });
    var cl = CutoverCli.commandLine(cli);
    cl.setOut(new java.io.PrintWriter(o, true));
    cl.setErr(new java.io.PrintWriter(e, true));
    int code;
    try {
      code = cl.execute(all.toArray(String[]::new));
    } finally {
      envs.forEach(AppEnvironment::close);
    }
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  record Run(int exit, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  @Override
  public void close() throws Exception {
    r53.close();
    cw.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
