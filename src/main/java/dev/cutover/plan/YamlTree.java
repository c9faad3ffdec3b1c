package dev.cutover.plan;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads YAML into a Jackson tree while remembering where each path sits in the file, so that problems can be
 * reported in file order, and reporting a key written twice instead of silently keeping the last one.
 *
 * <p>Jackson's YAML parser hands an alias ({@code *name}) over as the plain text {@code name} and drops the
 * anchors of scalars, so an alias cannot be resolved faithfully: every alias is an error at its path (today
 * {@code name: *api-prod} would otherwise read as {@code api-prod}). Bounded: the parser reads at most a plan
 * file's size, and more than {@link #MAX_DEPTH} levels of nesting or {@link #MAX_VALUES} values end the read.
 */
final class YamlTree {
  /** A plan nests 3 levels (records[0].name); anything near this is not a plan. */
  static final int MAX_DEPTH = 16;
  /** Scalars, lists and mappings: a plan with the most records a change batch can hold has a few thousand. */
  static final int MAX_VALUES = 200_000;
  private static final YAMLFactory YAML = factory();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String MERGE_KEY = "<<";

  /**
   * Jackson drives SnakeYAML's scanner and parser, not its composer: of SnakeYAML's {@link LoaderOptions} only
   * the code point limit applies (nesting and alias limits are the composer's); Jackson's constraints bound the
   * rest.
   */
  private static YAMLFactory factory() {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(PlanFile.MAX_BYTES);
    return YAMLFactory.builder().loaderOptions(options)
        .streamReadConstraints(StreamReadConstraints.builder()
            .maxDocumentLength(PlanFile.MAX_BYTES)
            .maxNestingDepth(MAX_DEPTH + 1)
            .maxStringLength(PlanFile.MAX_BYTES)
            .maxNameLength(PlanFile.MAX_BYTES)
            .maxNumberLength(100)
            .maxTokenCount(4L * MAX_VALUES)
            .build())
        .build();
  }

  /** Ends the read: the tree cannot be trusted (too deep, too large); the problem is already recorded. */
  private static final class Abandon extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Abandon() {
      super(null, null, false, false);
    }
  }

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
  private long values;
  private boolean alias;

  private YamlTree(Problems problems) {
    this.problems = problems;
  }

  /** What a walk over a document found: its value (only when no error was found) and every problem, in file order. */
  record Walked<T>(Optional<T> value, List<PlanProblem> problems) {}

  /**
   * Reads {@code yaml} and walks its root with {@code walker}, which reports into the given fields' problems; a
   * bug in the walk becomes one more problem ({@code bugFix} says what to report), never an exception.
   */
  static <T> Walked<T> walk(String yaml, String sourceName, String bugFix,
      BiFunction<JsonNode, Fields, Optional<T>> walker) {
    Problems problems = new Problems();
    Parsed parsed = read(yaml, problems);
    Optional<T> value = Optional.empty();
    if (parsed.root() != null) {
      try {
        value = walker.apply(parsed.root(), new Fields(problems));
      } catch (RuntimeException bug) {
        problems.error("", "internal error while checking " + sourceName + ": " + bug, bugFix);
      }
    }
    return new Walked<>(problems.hasErrors() ? Optional.empty() : value, problems.inFileOrder(parsed));
  }

  static Parsed read(String yaml, Problems problems) {
    YamlTree tree = new YamlTree(problems);
    JsonNode root = null;
    try (JsonParser p = YAML.createParser(yaml)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        problems.error("", "the file is empty", "write a plan: see config/example.yaml");
      } else {
        root = tree.value(p, "", 0);
        if (p.nextToken() != null) {
          problems.error("", "the file holds more than one YAML document (a second one starts at "
                  + where(p.currentTokenLocation()) + ")",
              "keep one plan per file and remove the extra `---`");
        }
      }
    } catch (Abandon e) {
      root = null;
    } catch (StreamConstraintsException e) {
      problems.error("", "the YAML is beyond what a plan can hold at " + where(e.getLocation()) + ": "
              + e.getOriginalMessage().replaceAll(", from `[^`]*`", ""),
          "a plan is a few kilobytes of plain mappings, lists and short values: check that this is the plan file");
      root = null;
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
    return new Parsed(tree.alias ? null : root, Map.copyOf(tree.order));
  }

  private JsonNode value(JsonParser p, String path, int depth) throws IOException {
    order.putIfAbsent(path, order.size());
    if (((YAMLParser) p).isCurrentAlias()) {
      alias = true;
      problems.error(path, "`*" + p.getText() + "` is a YAML alias, which plan files do not support",
          "write the value itself (to mean the text, quote it: \"*" + p.getText() + "\")");
      return NODES.nullNode();
    }
    JsonNode node = node(p, path, depth);
    if (++values > MAX_VALUES) {
      abandon(path, "the plan holds more than " + MAX_VALUES + " values", "a plan is a few kilobytes: check"
          + " that this is the plan file");
    }
    return node;
  }

  private void abandon(String path, String message, String fix) {
    problems.error(path, message, fix);
    throw new Abandon();
  }

  private JsonNode node(JsonParser p, String path, int depth) throws IOException {
    JsonToken t = p.currentToken();
    if ((t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) && depth >= MAX_DEPTH) {
      abandon(path, "values are nested more than " + MAX_DEPTH + " levels deep", "a plan nests at most three"
          + " levels (records[0].name): check that this is the plan file");
    }
    switch (t) {
      case START_OBJECT:
        return object(p, path, depth + 1);
      case START_ARRAY:
        ArrayNode array = NODES.arrayNode();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          array.add(value(p, Paths.index(path, array.size()), depth + 1));
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

  private ObjectNode object(JsonParser p, String path, int depth) throws IOException {
    ObjectNode object = NODES.objectNode();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      JsonLocation at = p.currentTokenLocation();
      p.nextToken();
      String child = Paths.child(path, key);
      JsonNode value = key.equals(MERGE_KEY) ? unmerged(p, child) : value(p, child, depth);
      if (object.has(key)) {
        problems.error(child, "`" + key + "` is written twice (again at " + where(at) + ")",
            "keep one `" + key + "`: YAML would silently use the last one");
      } else {
        object.set(key, value);
      }
    }
    return object;
  }

  /** {@code <<: *base}: not merged (Fields reports the key); its alias is not reported a second time. */
  private JsonNode unmerged(JsonParser p, String path) throws IOException {
    order.putIfAbsent(path, order.size());
    p.skipChildren();
    return NODES.nullNode();
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
