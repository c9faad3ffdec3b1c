package dev.cutover.drain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Octet-counted frames (Logplex's doc/README.http_drains.md, "Logplex Frame Format"; RFC 6587 §3.4.1). */
class LogplexFramesTest {

  private static LogplexFrames.Parsed parse(String body) {
    return LogplexFrames.parse(body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsTheExampleBodyOfLogplexsDocumentation() {
    // the README's example: the count covers the message and its trailing newline
    String message = "<174>1 2012-07-22T00:06:26+00:00 host erlang console - Hi from erlang";
    String body = Logplex.frame(message).repeat(10);
    assertThat(body).startsWith("70 <174>1");

    LogplexFrames.Parsed parsed = parse(body);

    assertThat(parsed.messages()).hasSize(10).allMatch(message::equals);
    assertThat(parsed.malformed()).isZero();
  }

  @Test
  void countsBytesNotCharacters() {
    String message = Logplex.info("2026-11-21T12:00:00+00:00", 200, 5).replace("q=a b", "q=ünïcødé");

    LogplexFrames.Parsed parsed = parse(Logplex.frame(message) + Logplex.frame(message));

    assertThat(parsed.messages()).containsExactly(message, message);
  }

  @Test
  void acceptsFramesWithoutNewlinesAndWithBlankLinesBetween() {
    String a = "<14>1 2026-11-21T12:00:00+00:00 host app web.1 - one";
    String b = "<14>1 2026-11-21T12:00:01+00:00 host app web.1 - two";

    LogplexFrames.Parsed parsed = parse(a.length() + " " + a + "\r\n\n" + b.length() + " " + b);

    assertThat(parsed.messages()).containsExactly(a, b);
  }

  @Test
  void skipsGarbageAndResumesAtTheNextLine() {
    String good = Logplex.info("2026-11-21T12:00:00+00:00", 200, 5);
    String body = "garbage without a length\n"
        + Logplex.frame(good)
        + "999 this frame claims more bytes than the body holds\n"
        + Logplex.frame(good)
        + "5 much too long for its count\n"
        + Logplex.frame(good)
        + "12";

    LogplexFrames.Parsed parsed = parse(body);

    assertThat(parsed.messages()).containsExactly(good, good, good);
    assertThat(parsed.malformed()).isEqualTo(4);
  }

  @Test
  void anEmptyBodyHoldsNothing() {
    assertThat(parse("").messages()).isEmpty();
    assertThat(parse("\n").malformed()).isZero();
  }

  @Test
  void randomBytesAreNeverFatal() {
    java.util.SplittableRandom random = new java.util.SplittableRandom(7);
    for (int i = 0; i < 200; i++) {
      byte[] junk = new byte[random.nextInt(400)];
      for (int k = 0; k < junk.length; k++) {
        junk[k] = (byte) random.nextInt(256);
      }
      LogplexFrames.Parsed parsed = LogplexFrames.parse(junk);
      assertThat(parsed.messages().size() + parsed.malformed()).isLessThanOrEqualTo(junk.length);
    }
  }
}
