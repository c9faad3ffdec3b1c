package dev.cutover.sandbox.cloudwatch;

import dev.cutover.port.Scheduler;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The sandbox CloudWatch: metrics, metric math, metric and composite alarms with continuous evaluation. Plain
 * Java; time comes from the injected {@link Clock} only, so a mutable clock makes evaluation deterministic.
 *
 * <p>Thread-safety: every public method is {@code synchronized} on this instance and returns immutable snapshots
 * (records, copied lists), so HTTP handlers, an in-process traffic simulator and the evaluation timer may call it
 * from any thread. Operations are short (no I/O), so one monitor is enough.
 *
 * <p>Memory: metric data lives in 10-second buckets with a bounded value reservoir per bucket, and buckets older
 * than the retention (default 3 hours) are dropped.
 */
public final class CloudWatchModel {
  public static final Duration DEFAULT_RETENTION = Duration.ofHours(3);

  private final Clock clock;
  private final Duration retention;
  private final Map<MetricKey, MetricSeries> metrics = new HashMap<>();
  private final TreeMap<String, Alarm> alarms = new TreeMap<>();

  public CloudWatchModel(Clock clock) {
    this(clock, DEFAULT_RETENTION);
  }

  public CloudWatchModel(Clock clock, Duration retention) {
    this.clock = clock;
    this.retention = retention;
  }

  public Clock clock() {
    return clock;
  }

  // ---- metrics ------------------------------------------------------------------------------------------

  /** In-process publication of one sample (any namespace, including {@code AWS/...}). */
  public synchronized void publish(String namespace, String name, Map<String, String> dimensions, Instant timestamp,
      double value) {
    series(MetricKey.of(namespace, name, dimensions)).add(timestamp, value, 1, null);
  }

  /** In-process publication of many samples at one timestamp, e.g. every request's latency in one second. */
  public synchronized void publish(String namespace, String name, Map<String, String> dimensions, Instant timestamp,
      double[] values) {
    MetricSeries s = series(MetricKey.of(namespace, name, dimensions));
    for (double v : values) {
      s.add(timestamp, v, 1, null);
    }
  }

  /** In-process publication of a statistic set (no percentiles can be computed from it, as in AWS). */
  public synchronized void publish(String namespace, String name, Map<String, String> dimensions, Instant timestamp,
      MetricDatum.StatisticSet stats) {
    series(MetricKey.of(namespace, name, dimensions))
        .addStatistics(timestamp, stats.sampleCount(), stats.sum(), stats.minimum(), stats.maximum(), null);
  }

  /** PutMetricData: validates everything first, then stores; {@code AWS/} namespaces are reserved as in AWS. */
  public synchronized void putMetricData(String namespace, List<MetricDatum> data) {
    if (namespace == null || namespace.isBlank()) {
      throw CloudWatchServiceException.missingParameter("Namespace");
    }
    if (namespace.startsWith("AWS/")) {
      throw CloudWatchServiceException.invalidParameter(
          "The value AWS/ for parameter Namespace is invalid (reserved for AWS services).");
    }
    if (data.isEmpty() || data.size() > 1000) {
      throw CloudWatchServiceException.invalidParameter("MetricData must have between 1 and 1000 entries.");
    }
    List<MetricKey> keys = new ArrayList<>();
    for (MetricDatum d : data) {
      keys.add(MetricKey.of(namespace, d.metricName(), d.dimensions()));
    }
    Instant now = clock.instant();
    for (int i = 0; i < data.size(); i++) {
      MetricDatum d = data.get(i);
      MetricSeries s = series(keys.get(i));
      Instant ts = d.timestamp() != null ? d.timestamp() : now;
      if (d.value() != null) {
        s.add(ts, d.value(), 1, d.unit());
      } else if (d.statisticValues() != null) {
        MetricDatum.StatisticSet st = d.statisticValues();
        s.addStatistics(ts, st.sampleCount(), st.sum(), st.minimum(), st.maximum(), d.unit());
      } else {
        for (int j = 0; j < d.values().size(); j++) {
          s.add(ts, d.values().get(j), d.counts().isEmpty() ? 1 : d.counts().get(j), d.unit());
        }
      }
    }
  }

  /**
   * ListMetrics: metrics in {@code namespace} (null = any) named {@code metricName} (null = any) having every
   * dimension of {@code dimensionFilters} (a null value matches any value). Sorted for stable paging.
   */
  public synchronized List<MetricKey> listMetrics(String namespace, String metricName,
      Map<String, String> dimensionFilters) {
    pruneAll();
    return metrics.keySet().stream()
        .filter(k -> namespace == null || k.namespace().equals(namespace))
        .filter(k -> metricName == null || k.metricName().equals(metricName))
        .filter(k -> dimensionFilters.entrySet().stream().allMatch(f -> k.dimensions().containsKey(f.getKey())
            && (f.getValue() == null || f.getValue().equals(k.dimensions().get(f.getKey())))))
        .sorted(Comparator.comparing(MetricKey::namespace).thenComparing(MetricKey::metricName)
            .thenComparing(k -> k.dimensions().toString()))
        .toList();
  }

  /** GetMetricData over [start, end); results for queries with ReturnData, timestamps in the requested order. */
  public synchronized List<MetricDataResult> getMetricData(List<MetricDataQuery> queries, Instant start,
      Instant end, boolean ascending) {
    if (start == null || end == null || !start.isBefore(end)) {
      throw CloudWatchServiceException.validation("StartTime must be before EndTime.");
    }
    Map<String, MetricQueries.Computed> computed =
        MetricQueries.evaluate(queries, start.getEpochSecond(), end.getEpochSecond(), clock.instant().getEpochSecond(),
            this::lookup);
    List<MetricDataResult> out = new ArrayList<>();
    for (MetricDataQuery q : queries) {
      if (!q.returnData()) {
        continue;
      }
      List<Map.Entry<Long, Double>> points = new ArrayList<>(
          (ascending ? computed.get(q.id()).series() : computed.get(q.id()).series().descendingMap()).entrySet());
      String label = q.label() != null ? q.label()
          : q.metricStat() != null ? q.metricStat().metric().metricName() : q.id();
      out.add(new MetricDataResult(q.id(), label,
          points.stream().map(e -> Instant.ofEpochSecond(e.getKey())).toList(),
          points.stream().map(Map.Entry::getValue).toList(), "Complete"));
    }
    return out;
  }

  private MetricSeries series(MetricKey key) {
    MetricSeries s = metrics.computeIfAbsent(key, k -> new MetricSeries());
    s.prune(clock.instant().minus(retention));
    return s;
  }

  private MetricSeries lookup(MetricKey key) {
    return metrics.get(key);
  }

  private void pruneAll() {
    Instant cutoff = clock.instant().minus(retention);
    metrics.values().forEach(s -> s.prune(cutoff));
    metrics.values().removeIf(MetricSeries::isEmpty);
  }

  // ---- alarms -------------------------------------------------------------------------------------------

  /** PutMetricAlarm: creates (state INSUFFICIENT_DATA) or replaces the definition, keeping the current state. */
  public synchronized void putMetricAlarm(MetricAlarmSpec spec) {
    Alarm old = alarms.get(spec.name());
    if (old instanceof Alarm.Composite) {
      throw CloudWatchServiceException.invalidParameter("A composite alarm named " + spec.name() + " exists.");
    }
    Instant now = clock.instant();
    alarms.put(spec.name(), new Alarm.Metric(spec, now, old != null ? old.status() : AlarmStatus.initial(now)));
  }

  /** PutCompositeAlarm: every alarm the rule names must exist; the rule is evaluated at once. */
  public synchronized void putCompositeAlarm(CompositeAlarmSpec spec) {
    Alarm old = alarms.get(spec.name());
    if (old instanceof Alarm.Metric) {
      throw CloudWatchServiceException.invalidParameter("A metric alarm named " + spec.name() + " exists.");
    }
    List<String> unknown = AlarmRule.parse(spec.alarmRule()).references().stream()
        .filter(n -> !alarms.containsKey(n) || n.equals(spec.name())).sorted().toList();
    if (!unknown.isEmpty()) {
      throw CloudWatchServiceException.validation(
          "Could not save the composite alarm as alarms " + unknown + " in the alarm rule do not exist");
    }
    Instant now = clock.instant();
    alarms.put(spec.name(), new Alarm.Composite(spec, now, old != null ? old.status() : AlarmStatus.initial(now)));
    evaluateComposites(null);
  }

  public synchronized Optional<Alarm> alarm(String name) {
    return Optional.ofNullable(alarms.get(name));
  }

  public synchronized DescribeAlarmsResult describeAlarms(DescribeAlarmsRequest r) {
    boolean wantMetric = r.alarmTypes().isEmpty() || r.alarmTypes().contains("MetricAlarm");
    boolean wantComposite = r.alarmTypes().contains("CompositeAlarm");
    String after = r.nextToken() == null ? null : decodeToken(r.nextToken());
    int max = r.maxRecords() == null ? 50 : r.maxRecords();
    List<Alarm> matching = new ArrayList<>();
    for (Alarm a : (after == null ? alarms : alarms.tailMap(after, false)).values()) {
      boolean typeOk = a instanceof Alarm.Metric ? wantMetric : wantComposite;
      boolean nameOk = r.alarmNames().isEmpty() ? r.alarmNamePrefix() == null
          || a.name().startsWith(r.alarmNamePrefix()) : r.alarmNames().contains(a.name());
      boolean stateOk = r.stateValue() == null || a.status().value() == r.stateValue();
      if (typeOk && nameOk && stateOk) {
        matching.add(a);
        if (matching.size() > max) {
          break;
        }
      }
    }
    String next = null;
    if (matching.size() > max) {
      matching = matching.subList(0, max);
      next = Base64.getUrlEncoder().encodeToString(
          matching.get(max - 1).name().getBytes(StandardCharsets.UTF_8));
    }
    List<Alarm.Metric> metric = new ArrayList<>();
    List<Alarm.Composite> composite = new ArrayList<>();
    for (Alarm a : matching) {
      if (a instanceof Alarm.Metric m) {
        metric.add(m);
      } else if (a instanceof Alarm.Composite c) {
        composite.add(c);
      }
    }
    return new DescribeAlarmsResult(metric, composite, next);
  }

  private static String decodeToken(String token) {
    try {
      return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw CloudWatchServiceException.invalidNextToken();
    }
  }

  /** SetAlarmState: forces a state until the alarm's next evaluation; composites that read it follow at once. */
  public synchronized void setAlarmState(String name, StateValue state, String reason, String reasonData) {
    Alarm a = alarms.get(name);
    if (a == null) {
      throw CloudWatchServiceException.notFound("Alarm " + name + " not found");
    }
    if (reason == null) {
      throw CloudWatchServiceException.missingParameter("StateReason");
    }
    Instant now = clock.instant();
    Instant transitioned = a.status().value() == state ? a.status().transitioned() : now;
    alarms.put(name, a.withStatus(new AlarmStatus(state, reason, reasonData, now, transitioned)));
    evaluateComposites(name);
  }

  /** DeleteAlarms: unknown names are ignored. */
  public synchronized void deleteAlarms(List<String> names) {
    if (names.size() > 100) {
      throw CloudWatchServiceException.validation("At most 100 alarm names per DeleteAlarms call.");
    }
    names.forEach(alarms::remove);
  }

  /**
   * Schedules {@link #evaluateAll()} every {@code every} of scheduler time (10 s is what the sandbox uses).
   * Returns the timer id for {@link Scheduler#cancel}.
   */
  public long evaluateEvery(Scheduler scheduler, Duration every) {
    return scheduler.periodic(every, this::evaluateAll);
  }

  /** Evaluates every metric alarm from the metric data, then every composite alarm. Call it from a timer. */
  public synchronized void evaluateAll() {
    pruneAll();
    Instant now = clock.instant();
    Function<MetricKey, MetricSeries> lookup = this::lookup;
    for (Alarm a : List.copyOf(alarms.values())) {
      if (a instanceof Alarm.Metric m) {
        AlarmStatus computed = AlarmEvaluator.evaluate(m.spec(), now, lookup);
        if (computed != null && computed.value() != m.status().value()) {
          alarms.put(m.name(), m.withStatus(computed));
        }
      }
    }
    evaluateComposites(null);
  }

  /** Composite alarms, repeated until stable so that composites of composites settle; {@code skip} keeps a forced one. */
  private void evaluateComposites(String skip) {
    Instant now = clock.instant();
    for (int pass = 0; pass <= alarms.size(); pass++) {
      boolean changed = false;
      for (Alarm a : List.copyOf(alarms.values())) {
        if (a instanceof Alarm.Composite c && !c.name().equals(skip)) {
          boolean fired = AlarmRule.parse(c.spec().alarmRule()).root().eval(this::stateOf);
          StateValue v = fired ? StateValue.ALARM : StateValue.OK;
          if (v != c.status().value()) {
            String reason = "Alarm rule " + (fired ? "TRUE" : "FALSE") + ": " + c.spec().alarmRule();
            alarms.put(c.name(), c.withStatus(new AlarmStatus(v, reason, null, now, now)));
            changed = true;
          }
        }
      }
      if (!changed) {
        return;
      }
    }
  }

  private StateValue stateOf(String name) {
    Alarm a = alarms.get(name);
    return a == null ? StateValue.INSUFFICIENT_DATA : a.status().value();
  }
}
