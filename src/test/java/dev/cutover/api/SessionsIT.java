package dev.cutover.api;

import static dev.cutover.api.ApiFixture.assertError;
import static dev.cutover.api.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.domain.CutoverEvent;
import dev.cutover.port.Role;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The dashboard's sign-in over HTTP: a session cookie a page script cannot read and another site's page cannot
 * send, a CSRF token every change needs, the same role checks as a bearer token, and bearer tokens unchanged.
 */
class SessionsIT {
  @RegisterExtension
  static final ApiFixture api = ApiFixture.perClass();

  @Test
  void signingInWithAStoreTokenSetsAnHttpOnlySameSiteStrictCookieAndAnswersTheRoleAndCsrfToken() throws Exception {
    WebSession s = WebSession.open(api, api.token.get(Role.OPERATOR));

    assertThat(s.setCookie()).startsWith(Sessions.COOKIE + "=").containsIgnoringCase("; HttpOnly")
        .contains("; Path=/", "; SameSite=Strict").containsPattern("; Max-Age=28(79\\d|800)(;|$)")
        .doesNotContainIgnoringCase("secure");
    assertThat(s.body().path("name").asText()).isEqualTo("operator-token");
    assertThat(s.body().path("role").asText()).isEqualTo("operator");
    assertThat(s.csrf()).hasSizeGreaterThanOrEqualTo(43).isNotEqualTo(s.cookie().substring(s.cookie().indexOf('=')
        + 1));
    HttpResponse<String> who = s.send("GET", WebSession.root(api, "/session"), null);
    assertThat(json(who).path("csrf").asText()).isEqualTo(s.csrf());
  }

  @Test
  void aChangeMadeWithASessionNeedsItsCsrfTokenAndIsJournalledAsItsPrincipal() throws Exception {
    String name = api.running("csrf");
    WebSession s = WebSession.open(api, api.token.get(Role.OPERATOR));

    assertThat(s.send("GET", "/cutovers/" + name, null).statusCode()).as("reads need no token").isEqualTo(200);
    assertError(s.send("POST", "/cutovers/" + name + "/pause", null), 403, "CSRF", Sessions.CSRF_HEADER);
    assertError(s.send("POST", "/cutovers/" + name + "/pause", s.csrf() + "x"), 403, "CSRF");
    WebSession other = WebSession.open(api, api.token.get(Role.OPERATOR));
    assertError(s.send("POST", "/cutovers/" + name + "/pause", other.csrf()), 403, "CSRF");
    assertThat(api.fleet.view(name).orElseThrow().phase()).isEqualTo("AWAITING_APPROVAL");

    HttpResponse<String> r = s.send("POST", "/cutovers/" + name + "/pause", s.csrf());

    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    assertThat(api.awaitEvent(name, CutoverEvent.OperatorRequest.class, o -> true).by()).isEqualTo("operator-token");
  }

  @Test
  void aViewersSessionMayReadButTheServerRefusesItsChangesEvenWithTheCsrfToken() throws Exception {
    String name = api.running("viewer-session");
    WebSession s = WebSession.open(api, api.token.get(Role.VIEWER));

    assertThat(s.send("GET", "/cutovers", null).statusCode()).isEqualTo(200);
    assertError(s.send("POST", "/cutovers/" + name + "/pause", s.csrf()), 403, "viewer", "operator");
    assertError(s.send("POST", "/cutovers/" + name + "/rollback", s.csrf()), 403, "viewer");
  }

  @Test
  void aBearerTokenNeedsNoCsrfTokenAndWinsOverASessionCookie() throws Exception {
    String name = api.running("bearer");
    WebSession viewer = WebSession.open(api, api.token.get(Role.VIEWER));

    HttpResponse<String> r = api.send(api.request("/cutovers/" + name + "/pause", api.token.get(Role.OPERATOR))
        .header("Cookie", viewer.cookie()).POST(HttpRequest.BodyPublishers.noBody()));

    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    assertThat(json(r).path("by").asText()).isEqualTo("operator-token");
  }

  @Test
  void signInTakesOnlyJsonWithAValidToken() throws Exception {
    assertError(WebSession.signIn(api, "application/json", "{\"token\": \"cutover_0000_nope\"}"), 401,
        "not valid");
    assertError(WebSession.signIn(api, "application/json", "{}"), 400, "no token");
    assertError(WebSession.signIn(api, "application/json", "token"), 400, "not JSON");
    assertError(WebSession.signIn(api, "application/x-www-form-urlencoded", "token=" + api.token.get(Role.ADMIN)),
        415, "JSON");
    assertError(WebSession.signIn(api, "text/plain", "{\"token\": \"" + api.token.get(Role.ADMIN) + "\"}"), 415,
        "application/json");
  }

  @Test
  void signingOutNeedsTheCsrfTokenThenEndsTheSessionAndClearsTheCookie() throws Exception {
    WebSession s = WebSession.open(api, api.token.get(Role.OPERATOR));

    assertError(s.send("DELETE", WebSession.root(api, "/session"), null), 403, "CSRF");
    HttpResponse<String> out = s.send("DELETE", WebSession.root(api, "/session"), s.csrf());

    assertThat(out.statusCode()).isEqualTo(204);
    assertThat(out.headers().firstValue("Set-Cookie")).hasValueSatisfying(c -> assertThat(c)
        .startsWith(Sessions.COOKIE + "=;").contains("Max-Age=0"));
    assertError(s.send("GET", "/cutovers", null), 401, "session has ended", "sign in again");
    assertError(s.send("GET", WebSession.root(api, "/session"), null), 401, "not signed in");
  }

  @Test
  void theDashboardIsServedFromTheJarWithAPolicyThatAllowsOnlyItsOwnScriptsAndNoFraming() throws Exception {
    for (String page : new String[] {"/", "/rollback", "/cutovers/api-prod"}) {
      HttpResponse<String> r = get(page);
      assertThat(r.statusCode()).as(page).isEqualTo(200);
      assertThat(r.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
      assertThat(r.body()).contains("<script type=\"module\" src=\"/assets/app.js\">").doesNotContain("http://",
          "https://");
      assertThat(r.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
          .contains("script-src 'self'", "frame-ancestors 'none'", "connect-src 'self'"));
      assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    }
    HttpResponse<String> js = get("/assets/app.js");
    assertThat(js.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
    assertThat(js.body()).contains("import");
    assertThat(get("/assets/app.css").headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
    assertError(get("/assets/..%2FApiRouter.class"), 404, "no such page");
    assertError(get("/assets/openapi.yaml"), 404, "no such page");
    assertError(get("/nothing-here"), 404, "no such page");
  }

  private HttpResponse<String> get(String path) throws Exception {
    return api.send(HttpRequest.newBuilder(WebSession.root(api, path)).timeout(Duration.ofSeconds(15)).GET());
  }
}
