package dev.cutover.sandbox.cloudwatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** PutMetricData, GetMetricData and ListMetrics between shape trees and the model. */
final class MetricOperations {
  private static final int LIST_METRICS_PAGE = 500;

  private final CloudWatchModel model;

  MetricOperations(CloudWatchModel model) {
    this.model = model;
  }

  ObjectNode putMetricData(JsonNode in) {
    List<MetricDatum> data = new ArrayList<>();
    for (JsonNode d : Trees.list(in, "MetricData")) {
      JsonNode sv = d.get("StatisticValues");
      MetricDatum.StatisticSet stats = sv == null || sv.isNull() ? null : new MetricDatum.StatisticSet(
          orZero(Trees.number(sv, "SampleCount")), orZero(Trees.number(sv, "Sum")),
          orZero(Trees.number(sv, "Minimum")), orZero(Trees.number(sv, "Maximum")));
      data.add(new MetricDatum(Trees.required(d, "MetricName"), Trees.metricDimensions(d, "Dimensions"),
          Trees.instant(d, "Timestamp"), Trees.number(d, "Value"), Trees.numbers(d, "Values"),
          Trees.numbers(d, "Counts"), stats, Trees.text(d, "Unit")));
    }
    model.putMetricData(Trees.required(in, "Namespace"), data);
    return Trees.object();
  }

  private static double orZero(Double d) {
    return d == null ? 0 : d;
  }

  ObjectNode getMetricData(JsonNode in) {
    List<MetricDataQuery> queries = Trees.list(in, "MetricDataQueries").stream().map(MetricOperations::query)
        .toList();
    Instant start = Trees.instant(in, "StartTime");
    Instant end = Trees.instant(in, "EndTime");
    if (start == null) {
      throw CloudWatchServiceException.missingParameter("StartTime");
    }
    if (end == null) {
      throw CloudWatchServiceException.missingParameter("EndTime");
    }
    String scanBy = Trees.text(in, "ScanBy");
    boolean ascending = "TimestampAscending".equals(scanBy);
    ObjectNode out = Trees.object();
    ArrayNode results = out.putArray("MetricDataResults");
    for (MetricDataResult r : model.getMetricData(queries, start, end, ascending)) {
      ObjectNode o = results.addObject();
      o.put("Id", r.id());
      o.put("Label", r.label());
      ArrayNode ts = o.putArray("Timestamps");
      r.timestamps().forEach(t -> ts.addPOJO(t));
      ArrayNode vs = o.putArray("Values");
      r.values().forEach(vs::add);
      o.put("StatusCode", r.statusCode());
    }
    out.putArray("Messages");
    return out;
  }

  /** One MetricDataQuery shape (also an alarm's Metrics entry). */
  static MetricDataQuery query(JsonNode q) {
    JsonNode ms = q.get("MetricStat");
    MetricStat stat = null;
    if (ms != null && !ms.isNull()) {
      JsonNode metric = ms.get("Metric");
      if (metric == null) {
        throw CloudWatchServiceException.missingParameter("MetricStat.Metric");
      }
      Integer period = Trees.integer(ms, "Period");
      if (period == null) {
        throw CloudWatchServiceException.missingParameter("MetricStat.Period");
      }
      stat = new MetricStat(metric(metric), period, Trees.required(ms, "Stat"), Trees.text(ms, "Unit"));
    }
    Boolean returnData = Trees.bool(q, "ReturnData");
    return new MetricDataQuery(Trees.required(q, "Id"), stat, Trees.text(q, "Expression"), Trees.text(q, "Label"),
        returnData == null || returnData, Trees.integer(q, "Period"));
  }

  static MetricKey metric(JsonNode m) {
    return MetricKey.of(Trees.text(m, "Namespace"), Trees.text(m, "MetricName"),
        Trees.metricDimensions(m, "Dimensions"));
  }

  static ObjectNode metricOut(MetricKey k) {
    ObjectNode o = Trees.object();
    o.put("Namespace", k.namespace());
    o.put("MetricName", k.metricName());
    o.set("Dimensions", Trees.dimensionsOut(k.dimensions()));
    return o;
  }

  static ObjectNode queryOut(MetricDataQuery q) {
    ObjectNode o = Trees.object();
    o.put("Id", q.id());
    if (q.metricStat() != null) {
      ObjectNode ms = o.putObject("MetricStat");
      ms.set("Metric", metricOut(q.metricStat().metric()));
      ms.put("Period", q.metricStat().period());
      ms.put("Stat", q.metricStat().stat());
      Trees.putIfNotNull(ms, "Unit", q.metricStat().unit());
    }
    Trees.putIfNotNull(o, "Expression", q.expression());
    Trees.putIfNotNull(o, "Label", q.label());
    o.put("ReturnData", q.returnData());
    if (q.period() != null) {
      o.put("Period", q.period());
    }
    return o;
  }

  ObjectNode listMetrics(JsonNode in) {
    Map<String, String> filters = Trees.dimensions(in, "Dimensions");
    List<MetricKey> all = model.listMetrics(Trees.text(in, "Namespace"), Trees.text(in, "MetricName"), filters);
    int from = 0;
    String token = Trees.text(in, "NextToken");
    if (token != null) {
      try {
        from = Integer.parseInt(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw CloudWatchServiceException.invalidNextToken();
      }
    }
    ObjectNode out = Trees.object();
    ArrayNode metrics = out.putArray("Metrics");
    int to = Math.min(all.size(), from + LIST_METRICS_PAGE);
    for (MetricKey k : all.subList(Math.min(from, to), to)) {
      metrics.add(metricOut(k));
    }
    if (to < all.size()) {
      out.put("NextToken", Base64.getUrlEncoder().encodeToString(
          String.valueOf(to).getBytes(StandardCharsets.UTF_8)));
    }
    return out;
  }
}
