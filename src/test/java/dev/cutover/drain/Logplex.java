package dev.cutover.drain;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Test kit: drain bodies and router lines in Heroku's real formats. Frames as Logplex writes them (its
 * doc/README.http_drains.md, "Logplex Frame Format": {@code <byte count> <RFC 5424 message>}, the count including
 * the newline that ends the message); router lines as Heroku Dev Center's "HTTP Routing" article ("Heroku Router
 * Log Format") shows them, with the HTTPS drain's header (HOSTNAME heroku, APP-NAME router, the drain token as
 * PROCID: Heroku Dev Center, "Heroku Labs: HTTPS Drains").
 */
final class Logplex {
  static final String TOKEN = "d.9173ea1f-6f14-4976-9cf0-7cd0dafdcdbc";

  private Logplex() {}

  /** One octet-counted frame of {@code message} plus its newline. */
  static String frame(String message) {
    String m = message + "\n";
    return m.getBytes(StandardCharsets.UTF_8).length + " " + m;
  }

  static byte[] body(List<String> messages) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String m : messages) {
      out.writeBytes(frame(m).getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  /** A router line of the HTTPS drain: {@code <158>1 TIME heroku router TOKEN - MESSAGE}. */
  static String router(String time, String message) {
    return "<158>1 " + time + " heroku router " + TOKEN + " - " + message;
  }

  /** {@code at=info}: a request the app answered. */
  static String info(String time, int status, int serviceMillis) {
    return router(time, "at=info method=GET path=\"/search?q=a b\" host=myapp.herokuapp.com"
        + " request_id=c6c4d1a8-7cb4-4e8c-9a1b-1c33c8e6f0a1 fwd=\"204.204.204.204\" dyno=web.1 connect=1ms service="
        + serviceMillis + "ms status=" + status + " bytes=1414 protocol=https");
  }

  /** H12 as the router logs it: 30 s, 503 to the client. */
  static String h12(String time) {
    return router(time, "at=error code=H12 desc=\"Request timeout\" method=POST path=\"/poll\""
        + " host=myapp.herokuapp.com request_id=50a4bf5b-0932-45bd-89ff-95a4fb89cc3d fwd=\"36.71.232.235\""
        + " dyno=web.1 connect=1ms service=30000ms status=503 bytes=0 protocol=https");
  }

  /** H13: the dyno closed the connection without a response. */
  static String h13(String time, int serviceMillis) {
    return router(time, "at=error code=H13 desc=\"Connection closed without response\" method=GET path=\"/\""
        + " host=myapp.herokuapp.com request_id=7ed4bd13-3b9a-4b44-8f5d-0e0f5e1d5f43 fwd=\"17.17.17.17\" dyno=web.2"
        + " connect=0ms service=" + serviceMillis + "ms status=503 bytes=0 protocol=https");
  }

  /** H10: no dyno answered, so connect= and service= are empty. */
  static String h10(String time) {
    return router(time, "at=error code=H10 desc=\"App crashed\" method=GET path=\"/\" host=myapp.herokuapp.com"
        + " request_id=2c1f7f0e-6a8c-4a53-9d7e-3b0d4f1f7e21 fwd=\"17.17.17.17\" dyno= connect= service= status=503"
        + " bytes= protocol=https");
  }

  /** The app's own log line (not the router's). */
  static String appLine(String time) {
    return "<190>1 " + time + " app web.1 " + TOKEN + " - Started GET \"/\" for 1.2.3.4";
  }
}
