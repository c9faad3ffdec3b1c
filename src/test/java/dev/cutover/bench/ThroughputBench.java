package dev.cutover.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import dev.cutover.domain.Plan;
import dev.cutover.sandbox.SandboxServer;
import dev.cutover.sandbox.SandboxWorld;
import dev.cutover.sandbox.quota.RequestRate;
import dev.cutover.sandbox.route53.Change;
import dev.cutover.sandbox.route53.ChangeAction;
import dev.cutover.sandbox.route53.RecordSet;
import dev.cutover.time.VertxScheduler;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The real {@link SandboxServer} (demo world plus 100 extra weighted records) on 127.0.0.1 under a closed-loop load
 * of {@value #IN_FLIGHT} concurrent requests over a keep-alive pool of {@value #CONNECTIONS} connections, from a
 * Vert.x client in this JVM (its own Vert.x, so its own event loops; it shares the 2 cores with the server). Bodies
 * are encoded once. Both services' simulated API quotas are off ({@code --route53-rate off --cloudwatch-rate off}):
 * this measures the server, not the quotas. Reports each operation, each service and the total.
 */
final class ThroughputBench {
  static final int IN_FLIGHT = 32;
  static final int CONNECTIONS = 16;
  static final long WARMUP_NANOS = TimeUnit.SECONDS.toNanos(5);
  static final long MEASURE_NANOS = TimeUnit.SECONDS.toNanos(15);
  static final double TARGET_PER_SECOND = 2000;

  /** One kind of call: how to send it, and its share of the mix. */
  private record Op(String name, int weight, HttpMethod method, String uri, MultiMap headers, Buffer body) {}

  /** Per-operation counters and latencies, written from the client's event loops. */
  private static final class Tally {
    final AtomicLong ok = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    private long[] latencies = new long[1 << 16];
    private int count;

    synchronized void latency(long nanos) {
      if (count == latencies.length) {
        latencies = java.util.Arrays.copyOf(latencies, count * 2);
      }
      latencies[count++] = nanos;
    }

    synchronized Stats stats() {
      return new Stats(latencies, count);
    }
  }

  private volatile boolean measuring;
  private double cpuSeconds;
  private volatile boolean stopped;

  Figure run() throws Exception {
    Vertx serverVertx = Vertx.vertx();
    Vertx clientVertx = Vertx.vertx();
    try {
      SandboxServer server = SandboxServer.start(serverVertx, VertxScheduler.wallTime(serverVertx),
              SandboxServer.Options.defaults().withInsyncDelay(java.time.Duration.ofSeconds(2),
                  java.time.Duration.ofSeconds(5)).withRates(RequestRate.UNLIMITED, RequestRate.UNLIMITED))
          .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      List<Op> ops = world(server);
      HttpClientAgent client = clientVertx.createHttpClient(new HttpClientOptions().setKeepAlive(true)
          .setDefaultHost("127.0.0.1").setDefaultPort(server.port()), new PoolOptions().setHttp1MaxSize(CONNECTIONS));
      Map<String, Tally> tallies = new java.util.LinkedHashMap<>();
      ops.forEach(o -> tallies.put(o.name(), new Tally()));
      int total = ops.stream().mapToInt(Op::weight).sum();
      for (int i = 0; i < IN_FLIGHT; i++) {
        SplittableRandom random = new SplittableRandom(7 + i);
        clientVertx.runOnContext(v -> loop(client, ops, total, random, tallies));
      }
      Thread.sleep(TimeUnit.NANOSECONDS.toMillis(WARMUP_NANOS));
      measuring = true;
      long cpuStart = processCpuNanos();
      long start = System.nanoTime();
      Thread.sleep(TimeUnit.NANOSECONDS.toMillis(MEASURE_NANOS));
      measuring = false;
      double seconds = (System.nanoTime() - start) / 1e9;
      cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
      stopped = true;
      Thread.sleep(200);
      client.close();
      server.close();
      return report(tallies, seconds);
    } finally {
      clientVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      serverVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  private Figure report(Map<String, Tally> tallies, double seconds) {
    long calls = 0;
    long errors = 0;
    List<Long> all = new ArrayList<>();
    for (var e : tallies.entrySet()) {
      Tally t = e.getValue();
      Stats s = t.stats();
      calls += t.ok.get();
      errors += t.errors.get();
      for (int i = 0; i < s.n(); i++) {
        all.add(s.percentile(100.0 * (i + 1) / s.n()));
      }
      System.out.printf(Locale.ROOT, "sandbox-throughput: %-28s %7.0f calls/s  errors %d  p50 %s  p99 %s%n",
          e.getKey(), t.ok.get() / seconds, t.errors.get(), Stats.millis(s.percentile(50)),
          Stats.millis(s.percentile(99)));
    }
    StringBuilder perService = new StringBuilder();
    for (String service : List.of("route53", "cloudwatch")) {
      long ok = 0;
      long failed = 0;
      for (var e : tallies.entrySet()) {
        if (e.getKey().startsWith(service + " ")) {
          ok += e.getValue().ok.get();
          failed += e.getValue().errors.get();
        }
      }
      System.out.printf(Locale.ROOT, "sandbox-throughput: %-10s %7.0f calls/s  errors %d  (throttling off)%n",
          service, ok / seconds, failed);
      perService.append(String.format(Locale.ROOT, "%s %.0f/s, ", service, ok / seconds));
    }
    Stats s = new Stats(all);
    double rate = calls / seconds;
    System.out.printf(Locale.ROOT, "sandbox-throughput: total %.0f calls/s over %.1f s, %d errors, p50 %s p99 %s"
            + " (%d in flight, %d connections, load generator on the same 2 cores)%n", rate, seconds, errors,
        Stats.millis(s.percentile(50)), Stats.millis(s.percentile(99)), IN_FLIGHT, CONNECTIONS);
    double perCpu = calls / cpuSeconds;
    System.out.printf(Locale.ROOT, "sandbox-throughput: this JVM (server + client) used %.1f CPU-s in %.1f s:"
            + " %.0f calls per CPU-second, load average %.1f on %d cores%n", cpuSeconds, seconds, perCpu,
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        Runtime.getRuntime().availableProcessors());
    return new Figure("sandbox-throughput", String.format(Locale.ROOT, "%.0f calls/s (%s%.0f per CPU-s), %d errors,"
            + " p50 %s p99 %s, throttling off", rate, perService, perCpu, errors, Stats.millis(s.percentile(50)),
            Stats.millis(s.percentile(99))),
        String.format(Locale.ROOT, ">= %.0f calls/s, 0 errors", TARGET_PER_SECOND),
        Figure.verdict(rate >= TARGET_PER_SECOND && errors == 0));
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private void loop(HttpClientAgent client, List<Op> ops, int total, SplittableRandom random,
      Map<String, Tally> tallies) {
    if (stopped) {
      return;
    }
    Op op = pick(ops, total, random.nextInt(total));
    long start = System.nanoTime();
    client.request(new RequestOptions().setMethod(op.method()).setURI(op.uri()).setHeaders(op.headers()))
        .compose(req -> op.body() == null ? req.send() : req.send(op.body()))
        .compose(resp -> resp.body().map(b -> resp.statusCode()))
        .onComplete(ar -> {
          if (measuring) {
            Tally t = tallies.get(op.name());
            if (ar.succeeded() && ar.result() / 100 == 2) {
              t.ok.incrementAndGet();
              t.latency(System.nanoTime() - start);
            } else {
              t.errors.incrementAndGet();
              if (t.errors.get() <= 3) {
                System.out.println("  sandbox-throughput: " + op.name() + " failed: "
                    + (ar.succeeded() ? "HTTP " + ar.result() : ar.cause()));
              }
            }
          }
          loop(client, ops, total, random, tallies);
        });
  }

  private static Op pick(List<Op> ops, int total, int draw) {
    for (Op o : ops) {
      draw -= o.weight();
      if (draw < 0) {
        return o;
      }
    }
    return ops.get(ops.size() - 1);
  }

  /** Builds the demo world with 100 extra records and returns the encoded calls of the mix. */
  private static List<Op> world(SandboxServer server) throws Exception {
    Plan plan = SandboxWorld.demoPlan();
    SandboxWorld.build(plan, server);
    List<Change> extra = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      String name = "svc" + i + ".demo.example.com.";
      extra.add(new Change(ChangeAction.UPSERT, RecordSet.weighted(name, "CNAME", "heroku", 100, 60,
          "svc" + i + ".herokudns.com")));
      extra.add(new Change(ChangeAction.UPSERT, RecordSet.weighted(name, "CNAME", "aws", 0, 60,
          "alb-1.us-east-1.elb.amazonaws.com")));
    }
    String zone = plan.zone();
    String changeId = server.route53().changeResourceRecordSets(zone, "bench extra records", extra).id()
        .replace("/change/", "");
    Map<String, Object> describe = Map.of("AlarmNames", plan.gates().alarms());
    byte[] cbor = new CBORMapper().writeValueAsBytes(describe);
    byte[] json = new ObjectMapper().writeValueAsBytes(describe);
    String upsert = """
        <?xml version="1.0" encoding="UTF-8"?>
        <ChangeResourceRecordSetsRequest xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><ChangeBatch>\
        <Comment>bench upsert</Comment><Changes><Change><Action>UPSERT</Action><ResourceRecordSet>\
        <Name>svc0.demo.example.com.</Name><Type>CNAME</Type><SetIdentifier>heroku</SetIdentifier><Weight>100</Weight>\
        <TTL>60</TTL><ResourceRecords><ResourceRecord><Value>svc0.herokudns.com</Value></ResourceRecord>\
        </ResourceRecords></ResourceRecordSet></Change></Changes></ChangeBatch></ChangeResourceRecordSetsRequest>""";
    String r53 = "/2013-04-01";
    return List.of(
        new Op("route53 ListResourceRecordSets", 30, HttpMethod.GET, r53 + "/hostedzone/" + zone
            + "/rrset?name=api.demo.example.com.&type=CNAME&maxitems=300", MultiMap.caseInsensitiveMultiMap(), null),
        new Op("route53 GetChange", 15, HttpMethod.GET, r53 + "/change/" + changeId,
            MultiMap.caseInsensitiveMultiMap(), null),
        new Op("route53 ChangeRRSets UPSERT", 2, HttpMethod.POST, r53 + "/hostedzone/" + zone + "/rrset",
            MultiMap.caseInsensitiveMultiMap().add("Content-Type", "application/xml"), Buffer.buffer(upsert)),
        new Op("cloudwatch DescribeAlarms cbor", 38, HttpMethod.POST,
            "/service/GraniteServiceVersion20100801/operation/DescribeAlarms", MultiMap.caseInsensitiveMultiMap()
            .add("smithy-protocol", "rpc-v2-cbor").add("Content-Type", "application/cbor")
            .add("Accept", "application/cbor"), Buffer.buffer(cbor)),
        new Op("cloudwatch DescribeAlarms json", 15, HttpMethod.POST, "/", MultiMap.caseInsensitiveMultiMap()
            .add("X-Amz-Target", "GraniteServiceVersion20100801.DescribeAlarms")
            .add("Content-Type", "application/x-amz-json-1.0"), Buffer.buffer(json)));
  }
}
