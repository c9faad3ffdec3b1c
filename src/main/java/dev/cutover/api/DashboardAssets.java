package dev.cutover.api;

import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dashboard's files, read from the jar once at start ({@code dashboard/} beside this class): plain HTML, CSS
 * and ES modules, no build step, nothing from a CDN. Only the files named here are served, so no request path can
 * reach anything else on the classpath.
 */
final class DashboardAssets {
  static final String DIR = "dashboard/";
  /** Every file of the dashboard; a test checks this list against the directory. */
  static final List<String> FILES = List.of("index.html", "app.css", "app.js", "api.js", "live.js", "dom.js",
      "format.js", "fleet.js", "cutover.js", "timeline.js", "chart.js", "actions.js", "rollback.js", "signin.js");

  /** A file's bytes and its Content-Type. */
  record Asset(Buffer body, String type) {}

  private final Map<String, Asset> assets = new LinkedHashMap<>();

  DashboardAssets() {
    for (String name : FILES) {
      assets.put(name, new Asset(read(name), type(name)));
    }
  }

  Optional<Asset> get(String name) {
    return Optional.ofNullable(assets.get(name));
  }

  static String type(String name) {
    String ext = name.substring(name.lastIndexOf('.') + 1);
    return switch (ext) {
      case "html" -> "text/html; charset=utf-8";
      case "css" -> "text/css; charset=utf-8";
      case "js" -> "text/javascript; charset=utf-8";
      case "svg" -> "image/svg+xml";
      case "png" -> "image/png";
      default -> throw new IllegalArgumentException("no content type for dashboard file " + name);
    };
  }

  private static Buffer read(String name) {
    try (InputStream in = DashboardAssets.class.getResourceAsStream(DIR + name)) {
      if (in == null) {
        throw new IllegalStateException("the jar lacks dev/cutover/api/" + DIR + name);
      }
      return Buffer.buffer(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
