package dev.cutover.sandbox.cloudwatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns an AWS Query form ({@code Action=..&AlarmNames.member.1=a&MetricData.member.1.Dimensions.member.1.Name=..})
 * into a shape tree: {@code X.member.N} becomes element N-1 of list X; all leaves stay text.
 */
final class QueryForm {
  private QueryForm() {}

  static Map<String, String> parse(String body) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.put(k, v);
    }
    return out;
  }

  static ObjectNode tree(Map<String, String> form) {
    ObjectNode root = Trees.object();
    form.forEach((k, v) -> {
      if (!k.equals("Action") && !k.equals("Version")) {
        insert(root, k.split("\\."), v);
      }
    });
    return root;
  }

  private static void insert(ObjectNode root, String[] path, String value) {
    ObjectNode current = root;
    int i = 0;
    while (i < path.length) {
      String field = path[i];
      boolean member = i + 2 < path.length && path[i + 1].equals("member") && path[i + 2].matches("\\d+");
      if (member) {
        JsonNode existing = current.get(field);
        ArrayNode list = existing instanceof ArrayNode a ? a : current.putArray(field);
        String digits = path[i + 2];
        int index = digits.length() > 6 ? Integer.MAX_VALUE : Integer.parseInt(digits) - 1; // 99999999999 is no int
        if (index < 0 || index > 10_000) {
          throw CloudWatchServiceException.invalidParameter("Invalid list index in " + String.join(".", path));
        }
        while (list.size() <= index) {
          list.addNull();
        }
        if (i + 3 == path.length) {
          list.set(index, Trees.F.textNode(value));
          return;
        }
        JsonNode element = list.get(index);
        if (!(element instanceof ObjectNode)) {
          element = Trees.object();
          list.set(index, element);
        }
        current = (ObjectNode) element;
        i += 3;
      } else if (i == path.length - 1) {
        if (!current.has(field)) {
          current.put(field, value);
        }
        return;
      } else {
        JsonNode existing = current.get(field);
        current = existing instanceof ObjectNode o ? o : current.putObject(field);
        i++;
      }
    }
  }
}
