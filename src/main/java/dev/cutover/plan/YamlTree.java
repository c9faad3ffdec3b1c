package dev.cutover.plan;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads YAML into a Jackson tree while remembering where each path sits in the file, so that problems can be
 * reported in file order, and reporting a key written twice instead of silently keeping the last one.
 */
final class YamlTree {
  private static final YAMLFactory YAML = new YAMLFactory();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** The document's root (null when the file is empty or unparseable) and each path's order in the file. */
  record Parsed(JsonNode root, Map<String, Integer> order) {
    /** Where {@code path}, or its nearest ancestor present in the file, appears; 0 for the file itself. */
    int orderOf(String path) {
      String p = path;
      while (!p.isEmpty()) {
        Integer o = order.get(p);
        if (o != null) {
          return o;
        }
        p = Paths.parent(p);
      }
      return 0;
    }
  }

  private final Problems problems;
  private final Map<String, Integer> order = new HashMap<>();

  private YamlTree(Problems problems) {
    this.problems = problems;
  }

  static Parsed read(String yaml, Problems problems) {
    YamlTree tree = new YamlTree(problems);
    JsonNode root = null;
    try (JsonParser p = YAML.createParser(yaml)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        problems.error("", "the file is empty", "write a plan: see config/example.yaml");
      } else {
        root = tree.value(p, "");
        if (p.nextToken() != null) {
          problems.error("", "the file holds more than one YAML document (a second one starts at "
                  + where(p.currentTokenLocation()) + ")",
              "keep one plan per file and remove the extra `---`");
        }
      }
    } catch (JsonProcessingException e) {
      problems.error("",
          "not valid YAML at " + where(e.getLocation()) + ": " + problemLines(e.getOriginalMessage()),
          "fix the YAML syntax there (indent with spaces, not tabs; quote values that start with * & ! or"
              + " contain `: ` or ` #`)");
      root = null;
    } catch (IOException e) {
      problems.error("", "cannot read the plan: " + e, "check the file");
      root = null;
    }
    return new Parsed(root, Map.copyOf(tree.order));
  }

  private JsonNode value(JsonParser p, String path) throws IOException {
    order.putIfAbsent(path, order.size());
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT:
        return object(p, path);
      case START_ARRAY:
        ArrayNode array = NODES.arrayNode();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          array.add(value(p, Paths.index(path, array.size())));
        }
        return array;
      case VALUE_STRING:
        return NODES.textNode(p.getText());
      case VALUE_NUMBER_INT:
        return NODES.numberNode(p.getBigIntegerValue());
      case VALUE_NUMBER_FLOAT:
        return NODES.numberNode(p.getDecimalValue());
      case VALUE_TRUE:
      case VALUE_FALSE:
        return NODES.booleanNode(p.getBooleanValue());
      case VALUE_NULL:
        return NODES.nullNode();
      default:
        problems.error(path, "unsupported YAML (" + t + ") at " + where(p.currentTokenLocation()),
            "write plain mappings, lists and scalars");
        p.skipChildren();
        return NODES.nullNode();
    }
  }

  private ObjectNode object(JsonParser p, String path) throws IOException {
    ObjectNode object = NODES.objectNode();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      JsonLocation at = p.currentTokenLocation();
      p.nextToken();
      String child = Paths.child(path, key);
      JsonNode value = value(p, child);
      if (object.has(key)) {
        problems.error(child, "`" + key + "` is written twice (again at " + where(at) + ")",
            "keep one `" + key + "`: YAML would silently use the last one");
      } else {
        object.set(key, value);
      }
    }
    return object;
  }

  private static String where(JsonLocation at) {
    if (at == null || at.getLineNr() < 1) {
      return "an unknown position";
    }
    return "line " + at.getLineNr() + ", column " + at.getColumnNr();
  }

  private static String problemLines(String message) {
    if (message == null) {
      return "unknown error";
    }
    // SnakeYAML: "while scanning an alias\n in 'reader', line 5 ...\n  snippet\n  ^\nexpected ...": keep the
    // unindented lines, which say what went wrong
    String said = message.lines().filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)))
        .map(String::strip).collect(java.util.stream.Collectors.joining(": "));
    return said.isEmpty() ? message.strip() : said;
  }
}
