package dev.cutover.notify;

import dev.cutover.domain.Secret;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Takes every secret out of a text before it is logged: a sink's URL (and its path, which is the secret part of a
 * Slack webhook URL), HMAC key and routing key. An error message of the HTTP client, a receiver's answer: nothing
 * leaves this class with a secret in it.
 */
final class Redactor {
  static final String MASK = "<redacted>";
  private final List<String> values;

  Redactor(List<Secret> secrets) {
    List<String> v = new ArrayList<>();
    for (Secret s : secrets) {
      v.add(s.reveal());
      pathOf(s.reveal()).ifPresent(v::add);
    }
    v.sort(Comparator.comparingInt(String::length).reversed()); // the whole URL before its path
    this.values = List.copyOf(v);
  }

  String clean(String text) {
    if (text == null) {
      return "";
    }
    String out = text;
    for (String v : values) {
      out = out.replace(v, MASK);
    }
    return out;
  }

  /** A URL's path and query, when it has more than a bare "/". */
  private static java.util.Optional<String> pathOf(String value) {
    try {
      URI u = new URI(value);
      String raw = u.getRawPath() == null ? "" : u.getRawPath();
      if (u.getRawQuery() != null) {
        raw += "?" + u.getRawQuery();
      }
      return raw.length() > 1 ? java.util.Optional.of(raw) : java.util.Optional.empty();
    } catch (java.net.URISyntaxException e) {
      return java.util.Optional.empty();
    }
  }
}
