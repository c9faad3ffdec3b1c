package dev.cutover.sandbox.cloudwatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A composite alarm rule: {@code ALARM(name)}, {@code OK(name)}, {@code INSUFFICIENT_DATA(name)} (names bare or in
 * single or double quotes), {@code AND}, {@code OR}, {@code NOT}, parentheses, {@code TRUE}, {@code FALSE}.
 * Precedence NOT over AND over OR.
 */
final class AlarmRule {
  /** A parsed rule. */
  interface Node {
    boolean eval(Function<String, StateValue> states);
  }

  private final Tokens tokens;
  private final Set<String> references = new TreeSet<>();

  private AlarmRule(String text) {
    this.tokens = new Tokens(tokenize(text), "Invalid AlarmRule '" + text + "': ", false);
  }

  /** A parsed rule and the alarm names it refers to. */
  record Parsed(Node root, Set<String> references) {}

  static Parsed parse(String rule) {
    if (rule == null || rule.isBlank()) {
      throw CloudWatchServiceException.missingParameter("AlarmRule");
    }
    if (rule.length() > 10240) {
      throw CloudWatchServiceException.validation("AlarmRule must be at most 10240 characters");
    }
    AlarmRule p = new AlarmRule(rule);
    Node n = p.or();
    p.tokens.requireEnd();
    return new Parsed(n, Set.copyOf(p.references));
  }

  private Node or() {
    Node left = and();
    while (tokens.peek("OR")) {
      tokens.skip();
      Node l = left;
      Node r = and();
      left = s -> l.eval(s) || r.eval(s);
    }
    return left;
  }

  private Node and() {
    Node left = not();
    while (tokens.peek("AND")) {
      tokens.skip();
      Node l = left;
      Node r = not();
      left = s -> l.eval(s) && r.eval(s);
    }
    return left;
  }

  private Node not() {
    if (tokens.peek("NOT")) {
      tokens.skip();
      Node inner = not();
      return s -> !inner.eval(s);
    }
    return primary();
  }

  private Node primary() {
    String t = tokens.next("unexpected end of rule");
    switch (t) {
      case "(":
        Node n = or();
        tokens.expect(")");
        return n;
      case "TRUE":
        return s -> true;
      case "FALSE":
        return s -> false;
      case "ALARM", "OK", "INSUFFICIENT_DATA":
        StateValue wanted = StateValue.valueOf(t);
        tokens.expect("(");
        if (tokens.current() == null || tokens.peek(")")) {
          throw tokens.error("missing alarm name in " + t + "()");
        }
        String name = unquote(tokens.next("missing alarm name"));
        tokens.expect(")");
        references.add(name);
        return s -> s.apply(name) == wanted;
      default:
        throw tokens.error("unexpected '" + t + "'");
    }
  }

  private static String unquote(String t) {
    if (t.length() >= 2 && (t.startsWith("\"") && t.endsWith("\"") || t.startsWith("'") && t.endsWith("'"))) {
      return t.substring(1, t.length() - 1);
    }
    return t.trim();
  }

  /** Tokens: parentheses, quoted strings, and words; a word directly after "(" runs up to ")" (a bare name). */
  private static List<String> tokenize(String s) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '(' || c == ')') {
        out.add(String.valueOf(c));
        i++;
      } else if (c == '"' || c == '\'') {
        int end = s.indexOf(c, i + 1);
        if (end < 0) {
          throw CloudWatchServiceException.validation("Invalid AlarmRule '" + s + "': unterminated quote");
        }
        out.add(s.substring(i, end + 1));
        i = end + 1;
      } else {
        boolean bareName = !out.isEmpty() && out.get(out.size() - 1).equals("(") && out.size() >= 2
            && List.of("ALARM", "OK", "INSUFFICIENT_DATA").contains(out.get(out.size() - 2));
        int j = i;
        while (j < s.length() && s.charAt(j) != ')' && s.charAt(j) != '('
            && (bareName || !Character.isWhitespace(s.charAt(j)))) {
          j++;
        }
        out.add(bareName ? s.substring(i, j).trim() : s.substring(i, j));
        i = j;
      }
    }
    return out;
  }
}
