package dev.cutover.port;

import java.util.List;

/**
 * What became of the notifications of each sink since the process started, for metrics ({@code /metrics}) and
 * tests. Sink names and types come from the operator's --notify file: a bounded set.
 */
public interface NotificationCounts {

  /**
   * @param sent delivered (2xx)
   * @param failed given up: a permanent refusal (4xx but 408/429) or every attempt failed
   * @param dropped never attempted to the end: the sink's queue was full, or the process stopped first
   * @param retries attempts after a first one failed
   * @param queued waiting now (the one in flight not included)
   */
  record Sink(String name, String type, long sent, long failed, long dropped, long retries, int queued) {}

  List<Sink> perSink();
}
