package dev.cutover.notify;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * POSTs on the Vert.x event loop with Vert.x's HTTP client (TLS with the JDK's trusted CAs for https URLs). Each
 * attempt is bounded as a whole, not only per read: a receiver that trickles bytes times out too.
 */
final class VertxTransport implements Transport {
  /** A sink's answer is a few bytes ("ok", an id): only its start is kept, for a log line. */
  private static final int EXCERPT = 512;
  private final Vertx vertx;
  private final HttpClient client;

  VertxTransport(Vertx vertx, Duration timeout) {
    this.vertx = vertx;
    this.client = vertx.createHttpClient(new HttpClientOptions()
        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
        .setKeepAlive(true));
  }

  @Override
  public Future<Reply> post(Request request, Duration timeout) {
    Promise<Reply> reply = Promise.promise();
    AtomicReference<HttpClientRequest> sending = new AtomicReference<>();
    long ms = Math.max(1, timeout.toMillis());
    long timer = vertx.setTimer(ms, id -> {
      if (reply.tryFail(new TimeoutException("no answer within " + ms + " ms"))) {
        HttpClientRequest r = sending.get();
        if (r != null) {
          r.reset(); // frees the connection of a receiver that never answers
        }
      }
    });
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST)
        .setAbsoluteURI(request.url().toString()).setIdleTimeout(ms);
    request.headers().forEach(options::putHeader);
    client.request(options)
        .compose(req -> {
          sending.set(req);
          return req.send(Buffer.buffer(request.body(), StandardCharsets.UTF_8.name()));
        })
        .compose(resp -> resp.body().map(body -> new Reply(resp.statusCode(), resp.getHeader("Retry-After"),
            excerpt(body))))
        .onComplete(ar -> {
          vertx.cancelTimer(timer);
          if (ar.succeeded()) {
            reply.tryComplete(ar.result());
          } else {
            reply.tryFail(ar.cause());
          }
        });
    return reply.future();
  }

  private static String excerpt(Buffer body) {
    int n = Math.min(body.length(), EXCERPT);
    return body.getString(0, n, StandardCharsets.UTF_8.name());
  }

  @Override
  public Future<Void> close() {
    return client.close();
  }
}
