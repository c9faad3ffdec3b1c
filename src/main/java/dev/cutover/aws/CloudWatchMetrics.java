package dev.cutover.aws;

import dev.cutover.port.AwsCallException;
import dev.cutover.port.MetricPublisher;
import dev.cutover.port.Priority;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

/**
 * {@link MetricPublisher} on CloudWatch PutMetricData, through {@link Resilient} at {@link Priority#PUBLISH}: the
 * process's CloudWatch budget serves every gate read first. The API's limits (CloudWatch API Reference,
 * "PutMetricData"): at most 1,000 metrics and 1 MB per request, and up to 150 values per metric in one request
 * with Values and Counts. So data go out in as many calls as needed, and never two Values arrays of one metric in
 * one call. A retry after an attempt that got no answer may count that attempt's data twice: PutMetricData has no
 * idempotency token.
 */
public final class CloudWatchMetrics implements MetricPublisher {
  static final int MAX_DATA_PER_CALL = 1000;
  /** Well under the 1 MB request limit: a datum of 150 values and counts is about 3 KB on the wire. */
  static final int MAX_BYTES_PER_CALL = 512 * 1024;

  private final CloudWatchAsyncClient client;
  private final Resilient resilient;

  public CloudWatchMetrics(CloudWatchAsyncClient client, Resilient resilient) {
    this.client = Objects.requireNonNull(client, "client");
    this.resilient = Objects.requireNonNull(resilient, "resilient");
  }

  @Override
  public Future<Void> publish(String namespace, List<Datum> data) {
    Future<Void> all = Future.succeededFuture();
    for (List<Datum> batch : batches(data)) {
      PutMetricDataRequest request = PutMetricDataRequest.builder().namespace(namespace)
          .metricData(batch.stream().map(CloudWatchMetrics::datum).toList()).build();
      all = all.compose(v -> resilient.call("PutMetricData", Priority.PUBLISH, () -> client.putMetricData(request))
          .recover(e -> Future.failedFuture(e instanceof AwsCallException ? e
              : new AwsCallException("CloudWatch PutMetricData to " + namespace + " failed: " + AwsErrors.describe(e)
                  + ". This error is not retryable: check the cloudwatch:PutMetricData permission"
                  + " (runbooks/iam.md) and the region", false, e)))
          .mapEmpty());
    }
    return all;
  }

  /** The calls {@code data} needs: within the per-call limits, one Values array per metric and call. */
  static List<List<Datum>> batches(List<Datum> data) {
    List<List<Datum>> out = new ArrayList<>();
    List<Set<String>> metricsWithValues = new ArrayList<>();
    List<Integer> bytes = new ArrayList<>();
    for (Datum d : data) {
      String identity = d.metric() + new TreeMap<>(d.dimensions());
      int size = size(d);
      int target = -1;
      for (int i = 0; i < out.size() && target < 0; i++) {
        boolean fits = out.get(i).size() < MAX_DATA_PER_CALL && bytes.get(i) + size <= MAX_BYTES_PER_CALL;
        if (fits && (d.single() || !metricsWithValues.get(i).contains(identity))) {
          target = i;
        }
      }
      if (target < 0) {
        out.add(new ArrayList<>());
        metricsWithValues.add(new HashSet<>());
        bytes.add(0);
        target = out.size() - 1;
      }
      out.get(target).add(d);
      bytes.set(target, bytes.get(target) + size);
      if (!d.single()) {
        metricsWithValues.get(target).add(identity);
      }
    }
    return out;
  }

  /** A generous estimate of a datum's size on the wire. */
  static int size(Datum d) {
    int names = d.metric().length() + d.dimensions().entrySet().stream()
        .mapToInt(e -> e.getKey().length() + e.getValue().length() + 16).sum();
    return 64 + 2 * names + 20 * d.values().length;
  }

  static MetricDatum datum(Datum d) {
    MetricDatum.Builder b = MetricDatum.builder()
        .metricName(d.metric())
        .dimensions(d.dimensions().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
            .map(e -> Dimension.builder().name(e.getKey()).value(e.getValue()).build()).toList())
        .timestamp(d.timestamp())
        .unit(StandardUnit.fromValue(d.unit().cloudWatchName()));
    if (d.single()) {
      return b.value(d.values()[0]).build();
    }
    return b.values(Arrays.stream(d.values()).boxed().toList()).counts(Arrays.stream(d.counts()).boxed().toList())
        .build();
  }
}
