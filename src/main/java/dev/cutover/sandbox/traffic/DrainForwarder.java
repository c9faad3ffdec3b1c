package dev.cutover.sandbox.traffic;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Heroku's HTTPS log drain, simulated: each tick's Heroku requests as router lines, POSTed to the drain URL in one
 * batch per tick (at most {@link #MAX_MESSAGES} messages per POST), with Logplex's headers ({@code Content-Type:
 * application/logplex-1}, {@code Logplex-Msg-Count}, {@code Logplex-Frame-Id}, {@code Logplex-Drain-Token},
 * {@code User-Agent: Logplex/...}) and the URL's userinfo as basic authentication (Logplex's
 * doc/README.http_drains.md). As Logplex does, a batch answered with a 4xx is dropped and one that fails otherwise
 * is sent once more with the same frame id (its {@code logplex_http_drain.erl}: one retry by default).
 */
public final class DrainForwarder implements TrafficModel.RouterLog, AutoCloseable {
  /** Messages per POST: a sandbox choice (Logplex sends batches of a few KiB). */
  static final int MAX_MESSAGES = 500;
  private static final Logger log = LoggerFactory.getLogger(DrainForwarder.class);

  private final HttpClient client;
  private final RequestOptions target;
  private final String authorization;
  private final HerokuRouterLines lines;
  private final AtomicLong frames = new AtomicLong();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();

  /**
   * @param drain the drain URL; its userinfo, if any, is sent as basic authentication
   * @param host the Host of the simulated requests
   */
  public DrainForwarder(Vertx vertx, URI drain, String host, long seed) {
    boolean tls = drain.getScheme().toLowerCase(Locale.ROOT).equals("https");
    this.client = vertx.createHttpClient(new HttpClientOptions().setSsl(tls).setKeepAlive(true));
    int port = drain.getPort() != -1 ? drain.getPort() : tls ? 443 : 80;
    String path = (drain.getRawPath() == null || drain.getRawPath().isEmpty() ? "/" : drain.getRawPath())
        + (drain.getRawQuery() == null ? "" : "?" + drain.getRawQuery());
    this.target = new RequestOptions().setMethod(HttpMethod.POST).setHost(drain.getHost()).setPort(port)
        .setURI(path).setSsl(tls);
    this.authorization = drain.getUserInfo() == null ? null
        : "Basic " + Base64.getEncoder().encodeToString(drain.getUserInfo().getBytes(StandardCharsets.UTF_8));
    this.lines = new HerokuRouterLines(host, seed);
  }

  @Override
  public void served(Instant now, int count, double[] latencySeconds, boolean[] failed) {
    List<String> messages = lines.lines(now, count, latencySeconds, failed);
    for (int from = 0; from < messages.size(); from += MAX_MESSAGES) {
      List<String> batch = messages.subList(from, Math.min(messages.size(), from + MAX_MESSAGES));
      String frameId = String.format(Locale.ROOT, "%032X", frames.incrementAndGet());
      sent.addAndGet(batch.size());
      post(Buffer.buffer(HerokuRouterLines.body(batch)), batch.size(), frameId, 2);
    }
  }

  private void post(Buffer body, int count, String frameId, int tries) {
    RequestOptions o = new RequestOptions(target)
        .putHeader("Content-Type", "application/logplex-1")
        .putHeader("Logplex-Msg-Count", String.valueOf(count))
        .putHeader("Logplex-Frame-Id", frameId)
        .putHeader("Logplex-Drain-Token", HerokuRouterLines.DRAIN_TOKEN)
        .putHeader("User-Agent", "Logplex/sandbox");
    if (authorization != null) {
      o.putHeader("Authorization", authorization);
    }
    Future<Integer> status = client.request(o).compose(r -> r.send(body)).compose(r -> r.body().map(b -> r.statusCode()));
    status.onComplete(ar -> {
      int code = ar.succeeded() ? ar.result() : -1;
      if (code >= 200 && code < 300) {
        delivered.addAndGet(count);
      } else if (code >= 400 && code < 500 || tries <= 1) {
        dropped.addAndGet(count);
        log.warn("sandbox drain: dropped {} router lines ({})", count,
            ar.succeeded() ? "HTTP " + code : ar.cause().toString());
      } else {
        post(body, count, frameId, tries - 1);
      }
    });
  }

  /** Router lines handed to the drain so far. */
  public long sent() {
    return sent.get();
  }

  /** Router lines the drain answered with a 2xx. */
  public long delivered() {
    return delivered.get();
  }

  /** Router lines given up on (a 4xx, or a second failure). */
  public long dropped() {
    return dropped.get();
  }

  @Override
  public void close() {
    client.close();
  }
}
