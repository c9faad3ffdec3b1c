package dev.cutover.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.time.VertxScheduler;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The sandbox's HTTP server does not let connections that make no progress hold it: half-sent request headers are
 * cut after the header timeout, an idle keep-alive connection after the idle timeout. Raw sockets on 127.0.0.1, a
 * bounded number of them.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SandboxConnectionsIT {
  private static final int SOCKETS = 200;
  private static final Duration HEADERS = Duration.ofMillis(500);
  private static final Duration IDLE = Duration.ofSeconds(2);

  private Vertx vertx;
  private SandboxServer server;
  private final List<Socket> sockets = new ArrayList<>();

  private void start() throws Exception {
    vertx = Vertx.vertx();
    server = SandboxServer.start(vertx, VertxScheduler.wallTime(vertx), SandboxServer.Options.defaults()
            .withTimeouts(new ConnectionTimeouts(HEADERS, IDLE)))
        .toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    for (Socket s : sockets) {
      s.close();
    }
    if (server != null) {
      server.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }
    if (vertx != null) {
      vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }
  }

  @Test
  void closesManyHalfSentRequestsWithinTheHeaderTimeout() throws Exception {
    start();
    long started = System.nanoTime();
    for (int i = 0; i < SOCKETS; i++) {
      Socket s = connect();
      String half = i % 2 == 0
          ? "GET /2013-04-01/hostedzone HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " // headers never finished
          : ""; // nothing sent at all
      s.getOutputStream().write(half.getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().flush();
    }

    for (Socket s : sockets) {
      assertThat(readsEndOfStream(s, Duration.ofSeconds(10))).isTrue();
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertThat(took).as("all %d closed after the %s header timeout, well before the idle timeout", SOCKETS, HEADERS)
        .isGreaterThanOrEqualTo(HEADERS.minusMillis(50)).isLessThan(IDLE);
  }

  @Test
  void aKeepAliveConnectionServesRequestsAndIsClosedOnlyAfterTheIdleTimeout() throws Exception {
    start();
    Socket s = connect();
    s.getOutputStream().write(("GET /2013-04-01/hostedzone HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    s.getOutputStream().flush();
    long answered = readResponseHead(s);

    assertThat(readsEndOfStream(s, Duration.ofSeconds(10))).isTrue();
    Duration open = Duration.ofNanos(System.nanoTime() - answered);
    assertThat(open).as("the header timeout does not apply once a request was read")
        .isGreaterThan(IDLE.minusMillis(300)).isLessThan(IDLE.plusSeconds(3));
  }

  private Socket connect() throws IOException {
    Socket s = new Socket();
    sockets.add(s);
    s.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
    return s;
  }

  /** Reads until the status line and headers of one response arrived; returns System.nanoTime() then. */
  private static long readResponseHead(Socket s) throws IOException {
    s.setSoTimeout(10_000);
    InputStream in = s.getInputStream();
    StringBuilder head = new StringBuilder();
    while (!head.toString().contains("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed before a response: " + head);
      }
      head.append((char) b);
    }
    assertThat(head.toString()).startsWith("HTTP/1.1 200");
    int length = Integer.parseInt(head.toString().replaceAll("(?is).*content-length:\\s*(\\d+).*", "$1"));
    in.readNBytes(length);
    return System.nanoTime();
  }

  /** True once the server closed the connection (end of stream or reset), false if it stayed open for {@code max}. */
  private static boolean readsEndOfStream(Socket s, Duration max) throws IOException {
    s.setSoTimeout((int) max.toMillis());
    try {
      while (s.getInputStream().read() >= 0) {
        // discard whatever the server answers before closing
      }
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (SocketException e) {
      return true; // reset by the server
    }
  }
}
