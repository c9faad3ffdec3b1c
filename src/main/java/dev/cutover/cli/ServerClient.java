package dev.cutover.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.domain.ExitCode;
import dev.cutover.engine.EventJson;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The command line as a client of {@code cutover serve} ({@code --server URL} or {@code $CUTOVER_SERVER}, with the
 * bearer token in {@code $CUTOVER_TOKEN}): status, history and the operator commands go to the server, which runs
 * the cutover. Errors come back as the server's JSON and end as the exit code that matches the HTTP status.
 */
final class ServerClient {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private final URI base;
  private final String token;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  ServerClient(URI base, String token) {
    String b = base.toString();
    this.base = URI.create(b.endsWith("/") ? b.substring(0, b.length() - 1) : b);
    this.token = token;
  }

  /** The server from {@code --server}, else {@code $CUTOVER_SERVER}; null when neither is set. */
  static ServerClient from(URI flag) {
    String env = System.getenv("CUTOVER_SERVER");
    URI server = flag != null ? flag : env != null && !env.isBlank() ? URI.create(env.strip()) : null;
    if (server == null) {
      return null;
    }
    if (server.getScheme() == null || !server.getScheme().matches("https?") || server.getHost() == null) {
      throw new CliExit(ExitCode.INVALID_INPUT, "--server must be an http(s) URL like http://127.0.0.1:8080, got '"
          + Terminal.safe(server.toString()) + "'");
    }
    String token = System.getenv("CUTOVER_TOKEN");
    if (token == null || token.isBlank()) {
      throw new CliExit(ExitCode.INVALID_INPUT, "talking to the server " + server + " needs a token: set"
          + " CUTOVER_TOKEN (make one with `cutover token create NAME --role operator` where the server's store is)");
    }
    return new ServerClient(server, token.strip());
  }

  URI base() {
    return base;
  }

  JsonNode get(String path) {
    return send(request(path).GET());
  }

  JsonNode post(String path, String json) {
    return send(request(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json == null ? "" : json)));
  }

  static String segment(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + "/api/v1" + path)).timeout(TIMEOUT)
        .header("Authorization", "Bearer " + token).header("Accept", "application/json");
  }

  private JsonNode send(HttpRequest.Builder request) {
    HttpResponse<String> r;
    try {
      r = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new CliExit(ExitCode.PREFLIGHT_FAILED, "cannot reach the server " + base + ": " + e.getMessage()
          + "; check --server / CUTOVER_SERVER, or act without the server (`cutover rollback PLAN` goes straight to"
          + " Route 53)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliExit(ExitCode.INTERNAL_ERROR, "interrupted while waiting for the server " + base);
    }
    JsonNode body;
    try {
      body = r.body() == null || r.body().isBlank() ? EventJson.mapper().createObjectNode()
          : EventJson.mapper().readTree(r.body());
    } catch (IOException e) {
      throw new CliExit(ExitCode.INTERNAL_ERROR, "the server " + base + " answered HTTP " + r.statusCode()
          + " with something that is not JSON; is --server the address of `cutover serve`?");
    }
    if (r.statusCode() >= 400) {
      throw new CliExit(exitFor(r.statusCode()), "the server refused (HTTP " + r.statusCode() + "): "
          + Terminal.safe(body.path("error").asText("no reason given")));
    }
    return body;
  }

  /** 400/404 are bad input, 401/403 too (the token), 409 a conflict, anything else the server's failure. */
  static ExitCode exitFor(int status) {
    return switch (status) {
      case 400, 401, 403, 404, 413, 415 -> ExitCode.INVALID_INPUT;
      case 409 -> ExitCode.CONFLICT;
      default -> ExitCode.PREFLIGHT_FAILED;
    };
  }
}
