package dev.cutover.sandbox.cloudwatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The protocol-neutral shape trees: Jackson nodes named after the CloudWatch shape members. Inputs may carry
 * numbers and booleans as text (AWS Query) and timestamps as numbers or ISO-8601 text; outputs carry timestamps
 * as {@link POJONode}s holding an {@link Instant}, which each codec writes in its own format.
 */
final class Trees {
  static final JsonNodeFactory F = JsonNodeFactory.instance;

  private Trees() {}

  static ObjectNode object() {
    return F.objectNode();
  }

  static String text(JsonNode in, String field) {
    JsonNode n = in.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (n.isContainerNode()) {
      throw CloudWatchServiceException.serialization("Expected a string for " + field + ", got " + n.getNodeType()
          + ".");
    }
    return n.asText();
  }

  static String required(JsonNode in, String field) {
    String s = text(in, field);
    if (s == null || s.isEmpty()) {
      throw CloudWatchServiceException.missingParameter(field);
    }
    return s;
  }

  static Integer integer(JsonNode in, String field) {
    JsonNode n = in.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (n.isNumber()) {
      return n.intValue();
    }
    try {
      return Integer.valueOf(n.asText().trim());
    } catch (NumberFormatException e) {
      throw CloudWatchServiceException.invalidParameter("The parameter " + field + " must be an integer.");
    }
  }

  static Double number(JsonNode in, String field) {
    JsonNode n = in.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    return toDouble(n, field);
  }

  /**
   * A number, also as text (AWS Query), where Python clients write {@code nan}, {@code inf} and {@code -inf}: they
   * parse, so that range checks can refuse them by name.
   */
  private static double toDouble(JsonNode n, String field) {
    if (n.isNumber()) {
      return n.doubleValue();
    }
    if (n.isContainerNode()) {
      throw CloudWatchServiceException.serialization("Expected a number for " + field + ".");
    }
    String s = n.asText().trim();
    switch (s.toLowerCase(Locale.ROOT)) {
      case "nan", "+nan", "-nan" -> {
        return Double.NaN;
      }
      case "inf", "+inf", "infinity", "+infinity" -> {
        return Double.POSITIVE_INFINITY;
      }
      case "-inf", "-infinity" -> {
        return Double.NEGATIVE_INFINITY;
      }
      default -> {
        try {
          return Double.parseDouble(s);
        } catch (NumberFormatException e) {
          throw CloudWatchServiceException.invalidParameter("The parameter " + field + " must be a number.");
        }
      }
    }
  }

  static Boolean bool(JsonNode in, String field) {
    JsonNode n = in.get(field);
    return n == null || n.isNull() ? null : n.isBoolean() ? n.booleanValue() : "true".equalsIgnoreCase(n.asText());
  }

  static Instant instant(JsonNode in, String field) {
    JsonNode n = in.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (n.isNumber()) {
      return epoch(n.doubleValue());
    }
    String s = n.asText().trim();
    try {
      return s.matches("-?\\d+(\\.\\d+)?") ? epoch(Double.parseDouble(s)) : OffsetDateTime.parse(s).toInstant();
    } catch (RuntimeException e) {
      try {
        return Instant.parse(s);
      } catch (RuntimeException e2) {
        throw CloudWatchServiceException.invalidParameter("The parameter " + field + " is not a timestamp: " + s);
      }
    }
  }

  private static Instant epoch(double seconds) {
    long whole = (long) Math.floor(seconds);
    return Instant.ofEpochSecond(whole, Math.round((seconds - whole) * 1e9));
  }

  /** A list member; anything but a list there ({@code {"AlarmNames": 5}}) is a SerializationException. */
  static List<JsonNode> list(JsonNode in, String field) {
    JsonNode n = in.get(field);
    List<JsonNode> out = new ArrayList<>();
    if (n == null || n.isNull()) {
      return out;
    }
    if (!n.isArray()) {
      throw CloudWatchServiceException.serialization("Expected a list for " + field + ", got " + n.getNodeType()
          + ".");
    }
    n.forEach(e -> {
      if (!e.isNull()) {
        out.add(e);
      }
    });
    return out;
  }

  static List<String> strings(JsonNode in, String field) {
    return list(in, field).stream().map(n -> {
      if (n.isContainerNode()) {
        throw CloudWatchServiceException.serialization("Expected strings in " + field + ".");
      }
      return n.asText();
    }).toList();
  }

  static List<Double> numbers(JsonNode in, String field) {
    return list(in, field).stream().map(n -> toDouble(n, field)).toList();
  }

  /** Dimensions [{Name, Value}] as a map; a missing Value maps to null (a ListMetrics filter on the name only). */
  static Map<String, String> dimensions(JsonNode in, String field) {
    Map<String, String> out = new LinkedHashMap<>();
    for (JsonNode d : list(in, field)) {
      out.put(required(d, "Name"), text(d, "Value"));
    }
    return out;
  }

  /**
   * The dimensions of a metric: as {@link #dimensions}, but a name given twice is InvalidParameterValue "No metric
   * may specify the same dimension name twice." (the message AWS answers; its API reference does not list it).
   */
  static Map<String, String> metricDimensions(JsonNode in, String field) {
    List<JsonNode> given = list(in, field);
    Map<String, String> out = dimensions(in, field);
    if (out.size() != given.size()) {
      throw CloudWatchServiceException.invalidParameter("No metric may specify the same dimension name twice.");
    }
    return out;
  }

  static ArrayNode dimensionsOut(Map<String, String> dims) {
    ArrayNode a = F.arrayNode();
    dims.forEach((k, v) -> a.addObject().put("Name", k).put("Value", v));
    return a;
  }

  static ArrayNode stringsOut(List<String> values) {
    ArrayNode a = F.arrayNode();
    values.forEach(a::add);
    return a;
  }

  static void putInstant(ObjectNode out, String field, Instant value) {
    if (value != null) {
      out.set(field, new POJONode(value));
    }
  }

  static void putIfNotNull(ObjectNode out, String field, String value) {
    if (value != null) {
      out.put(field, value);
    }
  }
}
