package dev.cutover.engine;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.cutover.domain.CutoverEvent;
import dev.cutover.domain.Split;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Events as one JSON object per line: {@code {"type":"shift-intent","at":"2026-...Z","step":1,...}}. The same
 * shape is the journal's line format, the audit log and the {@code --json} output of the CLI.
 */
public final class EventJson {
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .addModule(new SimpleModule().addSerializer(Split.class, new SplitSerializer())
          .addDeserializer(Split.class, new SplitDeserializer()))
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS) // one line, one object: no second event behind it
      .build();

  private static final Map<String, Class<?>> TYPES = Arrays.stream(CutoverEvent.class.getPermittedSubclasses())
      .collect(Collectors.toMap(EventJson::typeName, Function.identity()));

  private EventJson() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static ObjectNode toTree(CutoverEvent e) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("type", e.type());
    node.setAll((ObjectNode) MAPPER.valueToTree(e));
    return node;
  }

  public static String toJson(CutoverEvent e) {
    try {
      return MAPPER.writeValueAsString(toTree(e));
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException("cannot serialize " + e, ex);
    }
  }

  /** Parses one line; throws {@link IllegalArgumentException} naming what is wrong. */
  public static CutoverEvent fromJson(String line) {
    JsonNode node;
    try {
      node = MAPPER.readTree(line);
    } catch (JsonProcessingException ex) {
      throw new IllegalArgumentException("not JSON: " + ex.getOriginalMessage(), ex);
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    return fromTree((ObjectNode) node);
  }

  /**
   * An event from a parsed object (fields it does not know, such as the journal's envelope, are ignored);
   * throws {@link IllegalArgumentException} naming what is wrong. Leaves {@code node} unchanged.
   */
  public static CutoverEvent fromTree(ObjectNode node) {
    if (!node.hasNonNull("type")) {
      throw new IllegalArgumentException("not an event: no \"type\"");
    }
    Class<?> type = TYPES.get(node.get("type").asText());
    if (type == null) {
      throw new IllegalArgumentException("unknown event type " + node.get("type"));
    }
    try {
      ObjectNode fields = node.deepCopy();
      fields.remove("type");
      return (CutoverEvent) MAPPER.treeToValue(fields, type);
    } catch (JsonProcessingException ex) {
      throw new IllegalArgumentException("bad " + type.getSimpleName() + ": " + ex.getOriginalMessage(), ex);
    }
  }

  private static String typeName(Class<?> c) {
    return c.getSimpleName().replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
  }

  private static final class SplitSerializer extends JsonSerializer<Split> {
    @Override
    public void serialize(Split value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
      gen.writeNumber(value.percent());
    }
  }

  private static final class SplitDeserializer extends JsonDeserializer<Split> {
    @Override
    public Split deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      return Split.of(p.getIntValue());
    }
  }
}
