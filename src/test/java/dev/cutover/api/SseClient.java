package dev.cutover.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** A server-sent events client on the JDK's HTTP client: frames as they arrive, waited for with a timeout. */
final class SseClient implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One frame: its event type (null for a comment) and data. */
  record Frame(String type, JsonNode data, String comment) {}

  private final HttpResponse<Stream<String>> response;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final Thread reader;

  private SseClient(HttpResponse<Stream<String>> response) {
    this.response = response;
    this.reader = new Thread(() -> {
      try (Stream<String> body = response.body()) {
        body.forEach(lines::add);
      } catch (RuntimeException closed) {
        // the test closed the stream, or the server ended it
      }
    }, "sse-reader");
    reader.setDaemon(true);
    reader.start();
  }

  static SseClient open(HttpClient http, HttpRequest.Builder request) throws Exception {
    return new SseClient(http.send(request.header("Accept", "text/event-stream").GET().build(),
        HttpResponse.BodyHandlers.ofLines()));
  }

  HttpResponse<Stream<String>> response() {
    return response;
  }

  /** The next frame, or an AssertionError after {@code timeout}. */
  Frame next(Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    String type = null;
    StringBuilder data = new StringBuilder();
    StringBuilder comment = new StringBuilder();
    while (true) {
      String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (line == null) {
        throw new AssertionError("no complete event within " + timeout);
      }
      if (line.isEmpty()) {
        if (type != null || data.length() > 0 || comment.length() > 0) {
          return new Frame(type, data.length() == 0 ? null : JSON.readTree(data.toString()), comment.toString());
        }
      } else if (line.startsWith(":")) {
        comment.append(line.substring(1).trim());
      } else if (line.startsWith("event: ")) {
        type = line.substring(7);
      } else if (line.startsWith("data: ")) {
        data.append(line.substring(6));
      }
    }
  }

  /** Skips frames until one matches; fails after {@code timeout}. */
  Frame await(Predicate<Frame> wanted, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Frame f = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
      if (wanted.test(f)) {
        return f;
      }
    }
  }

  /** Every frame that arrives within {@code window} (for checking what does not arrive). */
  java.util.List<Frame> drain(Duration window) throws Exception {
    java.util.List<Frame> frames = new java.util.ArrayList<>();
    long deadline = System.nanoTime() + window.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        frames.add(next(Duration.ofNanos(deadline - System.nanoTime())));
      } catch (AssertionError none) {
        break;
      }
    }
    return frames;
  }

  @Override
  public void close() {
    reader.interrupt();
    response.body().close();
  }
}
