package dev.cutover.sandbox.cloudwatch;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** A metric's identity: namespace, name and dimensions (sorted by name, as CloudWatch treats them). */
public record MetricKey(String namespace, String metricName, SortedMap<String, String> dimensions) {
  public MetricKey {
    if (namespace == null || namespace.isBlank()) {
      throw CloudWatchServiceException.missingParameter("Namespace");
    }
    if (metricName == null || metricName.isBlank()) {
      throw CloudWatchServiceException.missingParameter("MetricName");
    }
    dimensions = Collections.unmodifiableSortedMap(new TreeMap<>(dimensions == null ? Map.of() : dimensions));
    if (dimensions.size() > 30) {
      throw CloudWatchServiceException.invalidParameter("A metric can have at most 30 dimensions.");
    }
  }

  public static MetricKey of(String namespace, String metricName, Map<String, String> dimensions) {
    return new MetricKey(namespace, metricName, new TreeMap<>(dimensions));
  }
}
