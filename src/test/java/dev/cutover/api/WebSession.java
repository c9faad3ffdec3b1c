package dev.cutover.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A dashboard session as a browser holds it, for HTTP-level tests: signed in with {@code POST /session}, the cookie
 * it set (and the whole Set-Cookie header, to check its attributes) and the CSRF token it answered.
 */
record WebSession(ApiFixture api, HttpResponse<String> signIn, String setCookie, String cookie, String csrf) {

  /** Signs in with this token or JWT; fails the test unless the server answers 200 with a cookie. */
  static WebSession open(ApiFixture api, String token) throws Exception {
    HttpResponse<String> r = signIn(api, "application/json", "{\"token\": \"" + token + "\"}");
    if (r.statusCode() != 200) {
      throw new AssertionError("sign-in failed: " + r.statusCode() + " " + r.body());
    }
    String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
    String cookie = setCookie.substring(0, setCookie.indexOf(';'));
    return new WebSession(api, r, setCookie, cookie, ApiFixture.json(r).path("csrf").asText());
  }

  static HttpResponse<String> signIn(ApiFixture api, String contentType, String body) throws Exception {
    return api.send(HttpRequest.newBuilder(root(api, "/session")).timeout(Duration.ofSeconds(15))
        .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** The server's root (the dashboard's paths are not under /api/v1). */
  static URI root(ApiFixture api, String path) {
    return URI.create(api.base.toString().replace(ApiRouter.BASE, "") + path);
  }

  JsonNode body() throws Exception {
    return ApiFixture.json(signIn);
  }

  /** A request under /api/v1 with this session's cookie, and with {@code csrf} in the header unless null. */
  HttpResponse<String> send(String method, String path, String csrfHeader) throws Exception {
    return send(method, URI.create(api.base + path), csrfHeader);
  }

  HttpResponse<String> send(String method, URI uri, String csrfHeader) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(15)).header("Cookie", cookie)
        .method(method, HttpRequest.BodyPublishers.noBody());
    if (csrfHeader != null) {
      b.header(Sessions.CSRF_HEADER, csrfHeader);
    }
    return api.send(b);
  }
}
