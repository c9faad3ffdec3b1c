package dev.cutover.sandbox.cloudwatch;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP face of the sandbox CloudWatch on a shared Vert.x {@link Router}, in the three wire protocols clients
 * use: Smithy RPC v2 CBOR (AWS SDK for Java v2), AWS JSON 1.0 (botocore / AWS CLI v1) and AWS Query (AWS CLI
 * 2.9). {@code POST /} is shared by JSON and Query: {@code X-Amz-Target} selects JSON, a form body Query.
 */
public final class CloudWatchApi {
  public static final String CBOR_PATH = "/service/GraniteServiceVersion20100801/operation/";
  private static final String TARGET_PREFIX = "GraniteServiceVersion20100801.";
  private static final String XMLNS = "http://monitoring.amazonaws.com/doc/2010-08-01/";
  private static final Logger LOG = LoggerFactory.getLogger(CloudWatchApi.class);
  private static final CBORMapper CBOR = new CBORMapper();
  private static final CBORFactory CBOR_FACTORY = new CBORFactory();
  /** Reads NaN and Infinity tokens (botocore writes them), so PutMetricData can refuse them by name. */
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
  private static final int LOG_SIZE = 200;

  /** The wire protocols. */
  public enum Protocol {
    RPC_V2_CBOR,
    JSON_1_0,
    QUERY
  }

  /** One request as received, for tests and diagnostics. */
  public record Request(Protocol protocol, String operation) {}

  private final CloudWatchOperations operations;
  private final CloudWatchFaults faults;
  private final Deque<Request> recent = new ArrayDeque<>();

  public CloudWatchApi(CloudWatchModel model, CloudWatchFaults faults) {
    this.operations = new CloudWatchOperations(model);
    this.faults = faults;
  }

  /**
   * Adds the CloudWatch routes: {@code POST /service/GraniteServiceVersion20100801/operation/{Op}} and {@code POST /};
   * any other method or body there is InvalidAction in the protocol's error shape.
   */
  public void mount(Router router) {
    router.post(CBOR_PATH + ":op").handler(BodyHandler.create(false)).handler(this::cbor);
    router.route(CBOR_PATH + "*").handler(ctx -> {
      requestId(ctx);
      ctx.response().putHeader("smithy-protocol", "rpc-v2-cbor");
      sendError(ctx, "application/cbor", CloudWatchApi::cborBytes, unsupported(ctx));
    });
    router.post("/").handler(BodyHandler.create(false)).handler(this::root);
    router.route("/").handler(ctx -> queryError(ctx, requestId(ctx), unsupported(ctx)));
  }

  /** Anything else on the CloudWatch paths: InvalidAction in the protocol's error shape, never a bare 404/405. */
  private static CloudWatchServiceException unsupported(RoutingContext ctx) {
    return CloudWatchServiceException.invalidAction("The cutover sandbox does not serve " + ctx.request().method()
        + " " + ctx.request().path() + " with Content-Type " + ctx.request().getHeader("Content-Type") + ": CloudWatch"
        + " is POST " + CBOR_PATH + "{Operation} (RPC v2 CBOR), or POST / with X-Amz-Target (JSON 1.0) or a form"
        + " body (Query).");
  }

  /** The most recent requests (at most 200), oldest first. */
  public List<Request> recentRequests() {
    synchronized (recent) {
      return List.copyOf(recent);
    }
  }

  private void record(Protocol protocol, String operation) {
    LOG.debug("CloudWatch sandbox request {} {}", protocol, operation);
    synchronized (recent) {
      recent.addLast(new Request(protocol, operation));
      while (recent.size() > LOG_SIZE) {
        recent.removeFirst();
      }
    }
  }

  private void cbor(RoutingContext ctx) {
    String op = ctx.pathParam("op");
    record(Protocol.RPC_V2_CBOR, op);
    ctx.response().putHeader("smithy-protocol", "rpc-v2-cbor");
    handle(ctx, op, "application/cbor", body -> body.length() == 0 ? Trees.object() : CBOR.readTree(body.getBytes()),
        CloudWatchApi::cborBytes);
  }

  private static byte[] cborBytes(ObjectNode out) {
    return serialize(() -> CBOR_FACTORY.createGenerator(new ByteArrayOutputStream()), out);
  }

  private void root(RoutingContext ctx) {
    String target = ctx.request().getHeader("X-Amz-Target");
    String contentType = String.valueOf(ctx.request().getHeader("Content-Type"));
    if (target != null) { // JSON 1.0; a target of another service is an unknown operation, answered in JSON
      String op = target.startsWith(TARGET_PREFIX) ? target.substring(TARGET_PREFIX.length()) : target;
      record(Protocol.JSON_1_0, op);
      handle(ctx, op, "application/x-amz-json-1.0",
          body -> body.length() == 0 ? Trees.object() : JSON.readTree(body.getBytes()),
          out -> serialize(() -> JSON.getFactory().createGenerator(new ByteArrayOutputStream()), out));
    } else if (contentType.startsWith("application/x-www-form-urlencoded")) {
      query(ctx);
    } else {
      ctx.next();
    }
  }

  private void query(RoutingContext ctx) {
    Buffer body = ctx.body().buffer();
    Map<String, String> form = body != null && body.length() > 0
        ? QueryForm.parse(body.toString(StandardCharsets.UTF_8)) : formAttributes(ctx);
    String op = form.getOrDefault("Action", "");
    record(Protocol.QUERY, op);
    String requestId = requestId(ctx);
    try {
      failIfFaulty();
      ObjectNode out = operations.invoke(op, QueryForm.tree(form));
      StringBuilder xml = new StringBuilder().append('<').append(op).append("Response xmlns=\"").append(XMLNS)
          .append("\">");
      if (!out.isEmpty()) {
        xml.append('<').append(op).append("Result>");
        TreeWriter.xml(xml, out);
        xml.append("</").append(op).append("Result>");
      }
      xml.append("<ResponseMetadata><RequestId>").append(requestId).append("</RequestId></ResponseMetadata></")
          .append(op).append("Response>");
      send(ctx.response().setStatusCode(200), "text/xml", Buffer.buffer(xml.toString()));
    } catch (CloudWatchServiceException e) {
      queryError(ctx, requestId, e);
    } catch (RuntimeException e) {
      LOG.error("CloudWatch sandbox failed on Query {}", op, e);
      queryError(ctx, requestId, CloudWatchServiceException.internalFailure("Sandbox internal error: " + e));
    }
  }

  private static void queryError(RoutingContext ctx, String requestId, CloudWatchServiceException e) {
    StringBuilder xml = new StringBuilder("<ErrorResponse xmlns=\"").append(XMLNS).append("\"><Error><Type>")
        .append(e.faultType()).append("</Type><Code>").append(e.code()).append("</Code><Message>");
    TreeWriter.escape(xml, e.getMessage());
    xml.append("</Message></Error><RequestId>").append(requestId).append("</RequestId></ErrorResponse>");
    send(ctx.response().setStatusCode(e.httpStatus()), "text/xml", Buffer.buffer(xml.toString()));
  }

  private static Map<String, String> formAttributes(RoutingContext ctx) {
    Map<String, String> form = new java.util.LinkedHashMap<>();
    ctx.request().formAttributes().forEach(e -> form.put(e.getKey(), e.getValue()));
    return form;
  }

  /** Shared by CBOR and JSON: same tree in and out, same error shape ({@code __type}, {@code message}). */
  private void handle(RoutingContext ctx, String op, String contentType, Reader reader,
      Function<ObjectNode, byte[]> writer) {
    requestId(ctx);
    try {
      failIfFaulty();
      JsonNode in;
      try {
        in = reader.read(ctx.body().buffer() == null ? Buffer.buffer() : ctx.body().buffer());
      } catch (IOException e) {
        throw new CloudWatchServiceException("SerializationException", "SerializationException", 400, true,
            "Could not parse the request body: " + e.getMessage());
      }
      ObjectNode out = operations.invoke(op, in);
      send(ctx.response().setStatusCode(200), contentType, Buffer.buffer(writer.apply(out)));
    } catch (CloudWatchServiceException e) {
      sendError(ctx, contentType, writer, e);
    } catch (RuntimeException e) {
      LOG.error("CloudWatch sandbox failed on {}", op, e);
      sendError(ctx, contentType, writer, CloudWatchServiceException.internalFailure("Sandbox internal error: " + e));
    }
  }

  private static void sendError(RoutingContext ctx, String contentType, Function<ObjectNode, byte[]> writer,
      CloudWatchServiceException e) {
    ObjectNode err = Trees.object().put("__type", "com.amazonaws.cloudwatch#" + e.shape())
        .put("message", e.getMessage());
    ctx.response().putHeader("x-amzn-query-error", e.code() + ";" + e.faultType());
    send(ctx.response().setStatusCode(e.httpStatus()), contentType, Buffer.buffer(writer.apply(err)));
  }

  private void failIfFaulty() {
    faults.active().ifPresent(e -> {
      throw e;
    });
  }

  private static String requestId(RoutingContext ctx) {
    String id = UUID.randomUUID().toString();
    ctx.response().putHeader("x-amzn-RequestId", id);
    return id;
  }

  private static void send(HttpServerResponse response, String contentType, Buffer body) {
    response.putHeader("Content-Type", contentType).end(body);
  }

  private static byte[] serialize(IoSupplier<JsonGenerator> generator, ObjectNode out) {
    try (JsonGenerator g = generator.get()) {
      TreeWriter.write(g, out);
      g.flush();
      return ((ByteArrayOutputStream) g.getOutputTarget()).toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FunctionalInterface
  private interface Reader {
    JsonNode read(Buffer body) throws IOException;
  }

  @FunctionalInterface
  private interface IoSupplier<T> {
    T get() throws IOException;
  }
}
