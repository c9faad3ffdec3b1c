package dev.cutover.aws;

import dev.cutover.domain.AlarmStatus;
import dev.cutover.port.AwsCallException;
import dev.cutover.port.Signals;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsRequest;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/**
 * {@link Signals} on CloudWatch DescribeAlarms: at most 100 names per call, metric <i>and</i> composite alarms
 * (an omitted AlarmTypes means metric alarms only), NextToken paging. Each call goes through a
 * {@link Resilient} whose deadline is short: a gate read must finish well within one poll.
 */
public final class CloudWatchSignals implements Signals {
  private static final Logger LOG = LoggerFactory.getLogger(CloudWatchSignals.class);
  static final int MAX_NAMES_PER_CALL = 100;

  private final CloudWatchAsyncClient client;
  private final Resilient resilient;

  /**
   * @param resilient built with {@link Resilient.Settings#cloudWatch(java.time.Duration)}: its deadline bounds
   *     each DescribeAlarms call
   */
  public CloudWatchSignals(CloudWatchAsyncClient client, Resilient resilient) {
    this.client = Objects.requireNonNull(client, "client");
    this.resilient = Objects.requireNonNull(resilient, "resilient");
  }

  @Override
  public Future<List<AlarmStatus>> describe(List<String> alarmNames) {
    List<String> names = List.copyOf(new LinkedHashSet<>(alarmNames));
    Future<List<AlarmStatus>> result = Future.succeededFuture(new ArrayList<>());
    for (int from = 0; from < names.size(); from += MAX_NAMES_PER_CALL) {
      List<String> batch = names.subList(from, Math.min(names.size(), from + MAX_NAMES_PER_CALL));
      result = result.compose(acc -> page(batch, null, acc));
    }
    return result.map(List::copyOf);
  }

  private Future<List<AlarmStatus>> page(List<String> names, String nextToken, List<AlarmStatus> acc) {
    DescribeAlarmsRequest request = DescribeAlarmsRequest.builder()
        .alarmNames(names)
        .alarmTypes(AlarmType.METRIC_ALARM, AlarmType.COMPOSITE_ALARM)
        .maxRecords(MAX_NAMES_PER_CALL)
        .nextToken(nextToken)
        .build();
    return resilient.call("DescribeAlarms", () -> client.describeAlarms(request))
        .recover(e -> Future.failedFuture(e instanceof AwsCallException ? e
            : new AwsCallException("CloudWatch DescribeAlarms failed: " + AwsErrors.describe(e) + ". This error"
                + " is not retryable: check the alarm names, the region and the cloudwatch:DescribeAlarms"
                + " permission", false, e)))
        .compose(response -> {
          acc.addAll(statuses(response));
          String token = response.nextToken();
          return token == null || token.isEmpty() ? Future.succeededFuture(acc) : page(names, token, acc);
        });
  }

  static List<AlarmStatus> statuses(DescribeAlarmsResponse response) {
    List<AlarmStatus> out = new ArrayList<>();
    response.metricAlarms().forEach(a -> out.add(new AlarmStatus(a.alarmName(), AlarmStatus.Kind.METRIC,
        state(a.alarmName(), a.stateValue(), a.stateValueAsString()), a.stateReason())));
    response.compositeAlarms().forEach(a -> out.add(new AlarmStatus(a.alarmName(), AlarmStatus.Kind.COMPOSITE,
        state(a.alarmName(), a.stateValue(), a.stateValueAsString()), a.stateReason())));
    return out;
  }

  /** A state this SDK does not know reads as INSUFFICIENT_DATA: not measurable is never OK. */
  private static AlarmStatus.State state(String alarm, StateValue value, String raw) {
    if (value == null) {
      LOG.warn("alarm {} has no state; read as INSUFFICIENT_DATA", alarm);
      return AlarmStatus.State.INSUFFICIENT_DATA;
    }
    return switch (value) {
      case OK -> AlarmStatus.State.OK;
      case ALARM -> AlarmStatus.State.ALARM;
      case INSUFFICIENT_DATA -> AlarmStatus.State.INSUFFICIENT_DATA;
      default -> {
        LOG.warn("alarm {} has state {} unknown to this version; read as INSUFFICIENT_DATA", alarm, raw);
        yield AlarmStatus.State.INSUFFICIENT_DATA;
      }
    };
  }
}
