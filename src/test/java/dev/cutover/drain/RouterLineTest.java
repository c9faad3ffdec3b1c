package dev.cutover.drain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.drain.RouterLine.Kind;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Heroku's router lines (Heroku Dev Center, "HTTP Routing", "Heroku Router Log Format"; H12 and its 503 after 30 s
 * in Dev Center's "Request Timeout"; H10 with empty {@code connect= service=} and H13 as Heroku's router writes them
 * in published logs) under the syslog header of an HTTPS drain (Logplex's doc/README.http_drains.md: RFC 5424
 * without STRUCTURED-DATA).
 */
class RouterLineTest {
  static final String T = "2026-11-21T12:00:00.123456+00:00";

  @Test
  void readsAnInfoLine() {
    RouterLine.Parsed p = RouterLine.parse(Logplex.info(T, 200, 18));

    assertThat(p.kind()).isEqualTo(Kind.REQUEST);
    assertThat(p.request()).isEqualTo(new RouterLine.Request(Instant.parse("2026-11-21T12:00:00.123456Z"), 200, 18,
        null));
    assertThat(p.request().serverError()).isFalse();
  }

  @Test
  void readsAnH12TimeoutAsA503OfThirtySeconds() {
    RouterLine.Request r = RouterLine.parse(Logplex.h12(T)).request();

    assertThat(r.status()).isEqualTo(503);
    assertThat(r.serviceMillis()).isEqualTo(30_000);
    assertThat(r.code()).isEqualTo("H12");
    assertThat(r.serverError()).isTrue();
  }

  @Test
  void readsAnH13WithItsServiceTime() {
    RouterLine.Request r = RouterLine.parse(Logplex.h13(T, 3)).request();

    assertThat(r.code()).isEqualTo("H13");
    assertThat(r.serviceMillis()).isEqualTo(3);
    assertThat(r.serverError()).isTrue();
  }

  @Test
  void anH10WithEmptyTimesIsARequestWithoutLatency() {
    RouterLine.Request r = RouterLine.parse(Logplex.h10(T)).request();

    assertThat(r.status()).isEqualTo(503);
    assertThat(r.serviceMillis()).isEqualTo(-1);
  }

  @Test
  void readsTheHeaderOfSyslogForwardersToo() {
    // host heroku router -: HOSTNAME host, APP-NAME heroku, PROCID router, then the message
    String line = "<158>1 2026-11-21T12:00:00+00:00 host heroku router - at=info method=GET path=\"/\""
        + " host=myapp.herokuapp.com fwd=\"1.2.3.4\" dyno=web.1 connect=0ms service=7ms status=404 bytes=20";

    RouterLine.Parsed p = RouterLine.parse(line);

    assertThat(p.kind()).isEqualTo(Kind.REQUEST);
    assertThat(p.request().status()).isEqualTo(404);
    assertThat(p.request().serviceMillis()).isEqualTo(7);
  }

  @Test
  void toleratesANilStructuredData() {
    String line = "<158>1 2016-09-30T23:59:12.550028+00:00 heroku router - - at=error code=H12 desc=\"Request"
        + " timeout\" method=POST path=\"/a\" host=x.example.com dyno=web.1 connect=1ms service=30000ms status=503"
        + " bytes=0";

    assertThat(RouterLine.parse(line).request().code()).isEqualTo("H12");
  }

  @Test
  void appAndPlatformLinesAreNotRequests() {
    assertThat(RouterLine.parse(Logplex.appLine(T)).kind()).isEqualTo(Kind.OTHER);
    // Heroku Labs "HTTPS Drains" example: the dyno manager, not the router
    assertThat(RouterLine.parse("<40>1 2012-11-30T06:45:29+00:00 heroku web.3 " + Logplex.TOKEN
        + " - State changed from starting to up").kind()).isEqualTo(Kind.OTHER);
  }

  @Test
  void aQuotedPathWithStatusLikeTextDoesNotFoolTheStatus() {
    String line = Logplex.router(T, "at=info method=GET path=\"/x status=999 service=1ms\" host=h dyno=web.1"
        + " connect=0ms service=42ms status=201 bytes=1");

    RouterLine.Request r = RouterLine.parse(line).request();

    assertThat(r.status()).isEqualTo(201);
    assertThat(r.serviceMillis()).isEqualTo(42);
  }

  @Test
  void malformedMessagesSayWhy() {
    assertThat(RouterLine.parse("not syslog at all").problem()).isEqualTo("no syslog priority");
    assertThat(RouterLine.parse("<158>2 " + T + " heroku router x - at=info status=200").kind())
        .isEqualTo(Kind.MALFORMED);
    assertThat(RouterLine.parse(Logplex.router("yesterday", "at=info status=200")).problem())
        .isEqualTo("unreadable timestamp");
    assertThat(RouterLine.parse(Logplex.router(T, "at=info method=GET service=3ms")).problem())
        .isEqualTo("router line without a status");
    assertThat(RouterLine.parse(Logplex.router(T, "at=info status=abc")).kind()).isEqualTo(Kind.MALFORMED);
    assertThat(RouterLine.parse(Logplex.router(T, "at=info status=42")).kind()).isEqualTo(Kind.MALFORMED);
    assertThat(RouterLine.parse("<158>1 " + T + " heroku").kind()).isEqualTo(Kind.MALFORMED);
  }

  @Test
  void serviceTimesInFractionsOfMillisecondsAreRounded() {
    assertThat(RouterLine.millis("12.6ms")).isEqualTo(13);
    assertThat(RouterLine.millis("")).isEqualTo(-1);
    assertThat(RouterLine.millis("ms")).isEqualTo(-1);
    assertThat(RouterLine.millis("12s")).isEqualTo(-1);
    assertThat(RouterLine.millis("NaNms")).isEqualTo(-1);
  }
}
