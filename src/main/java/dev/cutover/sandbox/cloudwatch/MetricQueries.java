package dev.cutover.sandbox.cloudwatch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Evaluates a set of metric data queries (MetricStat and metric-math expressions referring to each other) over
 * [start, end). The periods start at StartTime rounded down as CloudWatch does ({@link Periods#roundStart}), then
 * every period; a MetricStat yields one point per period that has data; an expression has the largest period of
 * the metrics it refers to.
 */
final class MetricQueries {
  static final int MAX_QUERIES = 500;

  /** The evaluated series of one query. */
  record Computed(NavigableMap<Long, Double> series, int period) {}

  private final Map<String, MetricDataQuery> byId;
  private final long start;
  private final long end;
  private final long now;
  private final Function<MetricKey, MetricSeries> lookup;
  private final Map<String, Computed> done = new HashMap<>();
  private final Set<String> inProgress = new HashSet<>();

  private MetricQueries(Map<String, MetricDataQuery> byId, long start, long end, long now,
      Function<MetricKey, MetricSeries> lookup) {
    this.byId = byId;
    this.start = start;
    this.end = end;
    this.now = now;
    this.lookup = lookup;
  }

  /** Rejects duplicate ids, references to unknown ids and cycles. */
  static Map<String, MetricDataQuery> checkGraph(List<MetricDataQuery> queries) {
    if (queries.isEmpty()) {
      throw CloudWatchServiceException.missingParameter("MetricDataQueries");
    }
    if (queries.size() > MAX_QUERIES) {
      throw CloudWatchServiceException.validation("At most " + MAX_QUERIES + " metric data queries are allowed.");
    }
    Map<String, MetricDataQuery> byId = new LinkedHashMap<>();
    for (MetricDataQuery q : queries) {
      if (byId.put(q.id(), q) != null) {
        throw CloudWatchServiceException.validation("The metric data query id '" + q.id() + "' is used twice.");
      }
    }
    MetricQueries probe = new MetricQueries(byId, 0, 0, 0, k -> null);
    byId.keySet().forEach(probe::period);
    return byId;
  }

  /** Over [start, end) of a request made at {@code end} (an alarm's evaluation; its start is period-aligned). */
  static Map<String, Computed> evaluate(List<MetricDataQuery> queries, long start, long end,
      Function<MetricKey, MetricSeries> lookup) {
    return evaluate(queries, start, end, end, lookup);
  }

  /** Over [start, end) of a request made at {@code now} (epoch seconds; the StartTime rounding depends on age). */
  static Map<String, Computed> evaluate(List<MetricDataQuery> queries, long start, long end, long now,
      Function<MetricKey, MetricSeries> lookup) {
    MetricQueries q = new MetricQueries(checkGraph(queries), start, end, now, lookup);
    Map<String, Computed> out = new LinkedHashMap<>();
    for (String id : q.byId.keySet()) {
      out.put(id, q.compute(id));
    }
    return out;
  }

  private int period(String id) {
    MetricDataQuery q = byId.get(id);
    if (q == null) {
      throw CloudWatchServiceException.validation("Metric math refers to the unknown id '" + id + "'.");
    }
    if (q.metricStat() != null) {
      return q.metricStat().period();
    }
    if (!inProgress.add(id)) {
      throw CloudWatchServiceException.validation("Metric math has a circular reference through '" + id + "'.");
    }
    int p = 0;
    for (String ref : MetricMath.references(MetricMath.parse(q.expression()))) {
      p = Math.max(p, period(ref));
    }
    inProgress.remove(id);
    return p > 0 ? p : q.period() != null ? Periods.check(q.period()) : 60;
  }

  private Computed compute(String id) {
    Computed c = done.get(id);
    if (c != null) {
      return c;
    }
    MetricDataQuery q = byId.get(id);
    int period = period(id);
    List<Long> grid = grid(period);
    NavigableMap<Long, Double> series;
    if (q.metricStat() != null) {
      series = statSeries(q.metricStat(), grid);
    } else {
      MetricMath.Value v = MetricMath.parse(q.expression()).eval(ref -> compute(ref).series(), grid);
      series = v.asSeries(grid);
    }
    c = new Computed(series, period);
    done.put(id, c);
    return c;
  }

  private List<Long> grid(int period) {
    List<Long> grid = new ArrayList<>();
    for (long t = Periods.roundStart(start, now, period); t < end; t += period) {
      grid.add(t);
    }
    return grid;
  }

  private NavigableMap<Long, Double> statSeries(MetricStat ms, List<Long> grid) {
    NavigableMap<Long, Double> out = new TreeMap<>();
    MetricSeries data = lookup.apply(ms.metric());
    if (data == null) {
      return out;
    }
    Statistic stat = Statistic.parse(ms.stat());
    for (long t : grid) {
      MetricSeries.Aggregate a = data.aggregate(t, t + ms.period());
      if (a != null) {
        double v = stat.apply(a);
        if (!Double.isNaN(v)) {
          out.put(t, v);
        }
      }
    }
    return out;
  }
}
