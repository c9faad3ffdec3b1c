package dev.cutover.sandbox.cloudwatch;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.POJONode;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * Writes an output shape tree as JSON or CBOR. Timestamps become epoch seconds: in CBOR a tag-1 float (as Smithy
 * RPC v2 CBOR requires), in JSON a plain decimal number.
 */
final class TreeWriter {
  private TreeWriter() {}

  static void write(JsonGenerator g, JsonNode n) throws IOException {
    if (n instanceof POJONode p && p.getPojo() instanceof Instant t) {
      BigDecimal seconds = BigDecimal.valueOf(t.toEpochMilli(), 3);
      if (g instanceof CBORGenerator cbor) {
        cbor.writeTag(1);
        cbor.writeNumber(seconds.doubleValue());
      } else {
        g.writeNumber(seconds);
      }
    } else if (n.isObject()) {
      g.writeStartObject();
      for (Map.Entry<String, JsonNode> e : n.properties()) {
        g.writeFieldName(e.getKey());
        write(g, e.getValue());
      }
      g.writeEndObject();
    } else if (n.isArray()) {
      g.writeStartArray();
      for (JsonNode e : n) {
        write(g, e);
      }
      g.writeEndArray();
    } else if (n.isTextual()) {
      g.writeString(n.textValue());
    } else if (n.isBoolean()) {
      g.writeBoolean(n.booleanValue());
    } else if (n.isIntegralNumber()) {
      g.writeNumber(n.longValue());
    } else if (n.isNumber()) {
      g.writeNumber(n.doubleValue());
    } else {
      g.writeNull();
    }
  }

  /** AWS Query XML: objects become elements, lists become {@code member} elements, timestamps ISO-8601. */
  static void xml(StringBuilder b, JsonNode n) {
    if (n instanceof POJONode p && p.getPojo() instanceof Instant t) {
      b.append(t);
    } else if (n.isObject()) {
      for (Map.Entry<String, JsonNode> e : n.properties()) {
        b.append('<').append(e.getKey()).append('>');
        xml(b, e.getValue());
        b.append("</").append(e.getKey()).append('>');
      }
    } else if (n.isArray()) {
      for (JsonNode e : n) {
        b.append("<member>");
        xml(b, e);
        b.append("</member>");
      }
    } else if (n.isFloatingPointNumber()) {
      b.append(BigDecimal.valueOf(n.doubleValue()).stripTrailingZeros().toPlainString());
    } else if (!n.isNull()) {
      escape(b, n.asText());
    }
  }

  static void escape(StringBuilder b, String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\r' -> b.append("&#xD;");
        default -> b.append(c);
      }
    }
  }
}
