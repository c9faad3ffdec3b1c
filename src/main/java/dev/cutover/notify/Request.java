package dev.cutover.notify;

import java.net.URI;
import java.util.Map;

/** One HTTP POST of a notification. Its {@link #toString()} never shows the URL: a webhook URL is a secret. */
public record Request(URI url, Map<String, String> headers, String body) {
  public Request {
    headers = Map.copyOf(headers);
  }

  @Override
  public String toString() {
    return "POST <redacted url> " + body.length() + " chars";
  }
}
