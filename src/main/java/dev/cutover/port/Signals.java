package dev.cutover.port;

import dev.cutover.domain.AlarmStatus;
import io.vertx.core.Future;
import java.util.List;

/** CloudWatch alarms as the engine needs them. */
public interface Signals {

  /**
   * The named alarms, metric and composite, in any order; names that do not exist are absent from the result.
   * A call that fails (after the adapter's retries) fails the Future: the engine reads that as Unknown.
   */
  Future<List<AlarmStatus>> describe(List<String> alarmNames);
}
