package dev.cutover.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.domain.AlarmStatus;
import dev.cutover.domain.ChangeBatch;
import dev.cutover.domain.PairState;
import dev.cutover.domain.RecordPair;
import dev.cutover.port.DnsWeights;
import dev.cutover.port.Signals;
import dev.cutover.testkit.ManualScheduler;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** README "One account, one budget": reads of many cutovers that meet on the poll grid become one AWS read per zone / per batch. */
class BatchedReadsTest {
  final ManualScheduler scheduler = ManualScheduler.atNoon();
  final List<List<String>> describeCalls = new ArrayList<>();
  final List<String> readCalls = new ArrayList<>();

  final Signals cloudWatch = names -> {
    describeCalls.add(List.copyOf(names));
    return Future.succeededFuture(names.stream()
        .map(n -> new AlarmStatus(n, AlarmStatus.Kind.METRIC, AlarmStatus.State.OK, "")).toList());
  };

  final DnsWeights route53 = new DnsWeights() {
    @Override
    public Future<String> zoneName(String zoneId) {
      return Future.succeededFuture("example.com.");
    }

    @Override
    public Future<List<PairState>> read(String zoneId, List<RecordPair> pairs) {
      readCalls.add(zoneId + " " + pairs);
      return Future.succeededFuture(pairs.stream().map(p -> new PairState(p, null, null)).toList());
    }

    @Override
    public Future<String> apply(ChangeBatch batch) {
      return Future.succeededFuture("C1");
    }

    @Override
    public Future<Void> awaitInSync(String changeId, Duration timeout) {
      return Future.succeededFuture();
    }
  };

  static RecordPair pair(String name) {
    return new RecordPair(name, "CNAME", "heroku", "aws");
  }

  @Test
  void alarmsOfCutoversPollingTogetherAreReadInOneCallAndASharedAlarmOnce() {
    BatchedSignals shared = new BatchedSignals(cloudWatch, new BatchedSignals.Batches(scheduler));
    Future<List<AlarmStatus>> a = shared.describe(List.of("api-5xx", "shared-p99"));
    Future<List<AlarmStatus>> b = shared.describe(List.of("www-5xx", "shared-p99"));
    scheduler.advance(Duration.ofMillis(25));

    assertThat(describeCalls).containsExactly(List.of("api-5xx", "shared-p99", "www-5xx"));
    assertThat(a.result()).extracting(AlarmStatus::name).containsExactly("api-5xx", "shared-p99");
    assertThat(b.result()).extracting(AlarmStatus::name).containsExactly("shared-p99", "www-5xx");
  }

  @Test
  void weightsOfOneZoneAreReadOnceForEveryCutoverAndEachGetsItsOwnPairsInItsOrder() {
    BatchedWeights.Batches batches = new BatchedWeights.Batches(scheduler);
    BatchedWeights shared = new BatchedWeights(route53, batches);
    Future<List<PairState>> api = shared.read("Z1", List.of(pair("www.example.com."), pair("api.example.com.")));
    Future<List<PairState>> shop = shared.read("Z1", List.of(pair("shop.example.com.")));
    Future<List<PairState>> other = shared.read("Z2", List.of(pair("api.example.org.")));
    scheduler.advance(Duration.ofMillis(25));

    assertThat(readCalls).hasSize(2).anyMatch(c -> c.startsWith("Z1 ") && c.contains("shop.example.com."));
    assertThat(api.result()).extracting(p -> p.pair().name())
        .containsExactly("www.example.com.", "api.example.com.");
    assertThat(shop.result()).extracting(p -> p.pair().name()).containsExactly("shop.example.com.");
    assertThat(other.result()).hasSize(1);
    assertThat(batches.reads()).isEqualTo(2);
  }

  @Test
  void readsThatMissTheWindowMakeANewBatch() {
    BatchedWeights shared = new BatchedWeights(route53, new BatchedWeights.Batches(scheduler));
    shared.read("Z1", List.of(pair("api.example.com.")));
    scheduler.advance(Duration.ofMillis(25));
    shared.read("Z1", List.of(pair("api.example.com.")));
    scheduler.advance(Duration.ofMillis(25));
    assertThat(readCalls).hasSize(2);
  }
}
