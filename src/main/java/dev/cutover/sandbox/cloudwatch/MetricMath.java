package dev.cutover.sandbox.cloudwatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The subset of CloudWatch metric math the sandbox supports: numbers, references to other query ids, {@code + - *
 * /}, unary minus, parentheses, {@code FILL(x, number)} and {@code FILL(x, REPEAT)}. Series are maps from period
 * start (epoch seconds) to value; two series combine on the timestamps both have; dividing by zero drops the point.
 */
final class MetricMath {
  private final Tokens tokens;

  private MetricMath(String text) {
    this.tokens = new Tokens(tokenize(text), "Invalid metric math expression '" + text + "': ", true);
  }

  /** A parsed expression. */
  interface Expr {
    Value eval(Function<String, NavigableMap<Long, Double>> ids, List<Long> grid);

    void references(Set<String> into);
  }

  /** A scalar or a series. */
  record Value(Double scalar, NavigableMap<Long, Double> series) {
    NavigableMap<Long, Double> asSeries(List<Long> grid) {
      if (series != null) {
        return series;
      }
      NavigableMap<Long, Double> s = new TreeMap<>();
      grid.forEach(t -> s.put(t, scalar));
      return s;
    }
  }

  static Expr parse(String expression) {
    MetricMath p = new MetricMath(expression);
    Expr e = p.sum();
    p.tokens.requireEnd();
    return e;
  }

  static Set<String> references(Expr e) {
    Set<String> s = new TreeSet<>();
    e.references(s);
    return s;
  }

  private Expr sum() {
    Expr left = product();
    while (tokens.peek("+") || tokens.peek("-")) {
      char op = tokens.next("unexpected end").charAt(0);
      left = binary(op, left, product());
    }
    return left;
  }

  private Expr product() {
    Expr left = unary();
    while (tokens.peek("*") || tokens.peek("/")) {
      char op = tokens.next("unexpected end").charAt(0);
      left = binary(op, left, unary());
    }
    return left;
  }

  private Expr unary() {
    if (tokens.peek("-")) {
      tokens.skip();
      return binary('*', constant(-1), unary());
    }
    return primary();
  }

  private Expr primary() {
    String t = tokens.next("unexpected end");
    if (t.equals("(")) {
      Expr e = sum();
      tokens.expect(")");
      return e;
    }
    if (Character.isDigit(t.charAt(0)) || t.charAt(0) == '.') {
      return constant(Double.parseDouble(t));
    }
    if (t.equalsIgnoreCase("FILL")) {
      tokens.expect("(");
      Expr inner = sum();
      tokens.expect(",");
      Expr fill = tokens.peek("REPEAT") ? null : sum();
      if (fill == null) {
        tokens.skip();
      }
      tokens.expect(")");
      return fill(inner, fill);
    }
    if (Character.isLowerCase(t.charAt(0))) {
      String id = t;
      return new Expr() {
        public Value eval(Function<String, NavigableMap<Long, Double>> ids, List<Long> grid) {
          return new Value(null, ids.apply(id));
        }

        public void references(Set<String> into) {
          into.add(id);
        }
      };
    }
    throw tokens.error("unsupported token '" + t + "' (the sandbox supports + - * / ( ) numbers, ids and FILL)");
  }

  private static Expr constant(double d) {
    return new Expr() {
      public Value eval(Function<String, NavigableMap<Long, Double>> ids, List<Long> grid) {
        return new Value(d, null);
      }

      public void references(Set<String> into) {}
    };
  }

  private static Expr fill(Expr inner, Expr with) {
    return new Expr() {
      public Value eval(Function<String, NavigableMap<Long, Double>> ids, List<Long> grid) {
        NavigableMap<Long, Double> s = inner.eval(ids, grid).asSeries(grid);
        Double constant = with == null ? null : with.eval(ids, grid).scalar();
        if (with != null && constant == null) {
          throw CloudWatchServiceException.validation("FILL only supports a number or REPEAT as its second argument");
        }
        NavigableMap<Long, Double> out = new TreeMap<>(s);
        for (Long t : grid) {
          if (!out.containsKey(t)) {
            Map.Entry<Long, Double> before = s.floorEntry(t);
            Double v = constant != null ? constant : before == null ? null : before.getValue();
            if (v != null) {
              out.put(t, v);
            }
          }
        }
        return new Value(null, out);
      }

      public void references(Set<String> into) {
        inner.references(into);
      }
    };
  }

  private static Expr binary(char op, Expr l, Expr r) {
    return new Expr() {
      public Value eval(Function<String, NavigableMap<Long, Double>> ids, List<Long> grid) {
        Value a = l.eval(ids, grid);
        Value b = r.eval(ids, grid);
        if (a.series() == null && b.series() == null) {
          double v = apply(op, a.scalar(), b.scalar());
          return Double.isFinite(v) ? new Value(v, null) : new Value(null, new TreeMap<>());
        }
        NavigableMap<Long, Double> out = new TreeMap<>();
        if (a.series() != null && b.series() != null) {
          a.series().forEach((t, x) -> put(out, t, apply(op, x, b.series().get(t)), b.series().containsKey(t)));
        } else if (a.series() != null) {
          a.series().forEach((t, x) -> put(out, t, apply(op, x, b.scalar()), true));
        } else {
          b.series().forEach((t, y) -> put(out, t, apply(op, a.scalar(), y), true));
        }
        return new Value(null, out);
      }

      public void references(Set<String> into) {
        l.references(into);
        r.references(into);
      }
    };
  }

  private static void put(NavigableMap<Long, Double> out, long t, double v, boolean present) {
    if (present && Double.isFinite(v)) {
      out.put(t, v);
    }
  }

  private static double apply(char op, Double a, Double b) {
    if (a == null || b == null) {
      return Double.NaN;
    }
    return switch (op) {
      case '+' -> a + b;
      case '-' -> a - b;
      case '*' -> a * b;
      default -> b == 0 ? Double.NaN : a / b;
    };
  }

  private static List<String> tokenize(String s) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if ("+-*/(),".indexOf(c) >= 0) {
        out.add(String.valueOf(c));
        i++;
      } else if (Character.isDigit(c) || c == '.') {
        int j = i;
        while (j < s.length() && (Character.isDigit(s.charAt(j)) || s.charAt(j) == '.' || s.charAt(j) == 'e'
            || s.charAt(j) == 'E')) {
          j++;
        }
        out.add(s.substring(i, j));
        i = j;
      } else if (Character.isLetter(c)) {
        int j = i;
        while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
          j++;
        }
        out.add(s.substring(i, j));
        i = j;
      } else {
        throw CloudWatchServiceException.validation(
            "Invalid metric math expression '" + s + "': unexpected character '" + c + "'");
      }
    }
    return out;
  }
}
