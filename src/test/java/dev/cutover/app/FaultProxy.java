package dev.cutover.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * WireMock on 127.0.0.1 as a fault-injecting proxy in front of the sandbox: a low-priority catch-all proxies
 * every request to the sandbox; {@link #inject} adds high-priority stubs that answer one AWS operation with a
 * fault, for the next {@code n} requests (a WireMock scenario walks through them) or until {@link #heal}.
 */
final class FaultProxy implements AutoCloseable {
  static final String R53_NS = "https://route53.amazonaws.com/doc/2013-04-01/";
  /** A captive proxy's or load balancer's error page, cut short: neither XML nor CBOR. */
  static final String GARBAGE = "<html><body><h1>502 Bad Gateway</h1><p>upstream closed the connection";

  /** The AWS operations the controller calls during a run, each matched as the SDK sends it. */
  enum Operation {
    CHANGE_RRSETS("ChangeResourceRecordSets", "POST", "/2013-04-01/hostedzone/[^/]+/rrset/"),
    GET_CHANGE("GetChange", "GET", "/2013-04-01/change/[^/]+"),
    LIST_RRSETS("ListResourceRecordSets", "GET", "/2013-04-01/hostedzone/[^/]+/rrset"),
    DESCRIBE_ALARMS("DescribeAlarms", "POST", "/service/GraniteServiceVersion20100801/operation/DescribeAlarms");

    final String awsName;
    final String method;
    final Pattern path;

    Operation(String awsName, String method, String path) {
      this.awsName = awsName;
      this.method = method;
      this.path = Pattern.compile(path);
    }

    boolean route53() {
      return this != DESCRIBE_ALARMS;
    }

    MappingBuilder request() {
      return method.equals("GET") ? get(urlPathMatching(path.pattern()))
          : this == DESCRIBE_ALARMS ? post(urlPathEqualTo(path.pattern())) : post(urlPathMatching(path.pattern()));
    }

    boolean matches(ServeEvent e) {
      String url = e.getRequest().getUrl();
      int q = url.indexOf('?');
      return e.getRequest().getMethod().getName().equals(method)
          && path.matcher(q < 0 ? url : url.substring(0, q)).matches();
    }
  }

  /** What goes wrong, on each protocol's wire (Route 53 REST-XML, CloudWatch Query and JSON protocols). */
  enum Fault {
    THROTTLING, HTTP_500, HTTP_503, CONNECTION_RESET, TIMEOUT, MALFORMED,
    /** Forwarded to the sandbox (a write lands) but answered after the attempt timeout: the answer is lost. */
    LOST_ANSWER;

    ResponseDefinitionBuilder response(Operation op, int hangMillis, URI target) {
      return switch (this) {
        case THROTTLING -> op.route53() ? route53Error(400, "Sender", "Throttling", "Rate exceeded")
            : cloudWatchError(400, "Throttling", "Throttling;Sender", "Rate exceeded");
        case HTTP_500 -> op.route53() ? route53Error(500, "Receiver", "InternalFailure", "internal failure")
            : cloudWatchError(500, "InternalServiceFault", "InternalServiceError;Receiver", "internal failure");
        case HTTP_503 -> op.route53() ? route53Error(503, "Receiver", "ServiceUnavailable", "try again")
            : cloudWatchError(503, "ServiceUnavailable", "ServiceUnavailable;Receiver", "try again");
        case CONNECTION_RESET -> aResponse().withFault(com.github.tomakehurst.wiremock.http.Fault
            .CONNECTION_RESET_BY_PEER);
        // answered long after the SDK's attempt timeout: to the client, no answer at all
        case TIMEOUT -> aResponse().withStatus(503).withFixedDelay(hangMillis);
        case LOST_ANSWER -> aResponse().proxiedFrom(target.toString()).withFixedDelay(hangMillis);
        case MALFORMED -> op.route53()
            ? aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody(GARBAGE)
            : aResponse().withStatus(200).withHeader("Content-Type", "application/cbor")
                .withHeader("smithy-protocol", "rpc-v2-cbor").withBody(GARBAGE);
      };
    }
  }

  private static ResponseDefinitionBuilder route53Error(int status, String type, String code, String message) {
    return aResponse().withStatus(status).withHeader("Content-Type", "text/xml").withBody(
        "<ErrorResponse xmlns=\"" + R53_NS + "\"><Error><Type>" + type + "</Type><Code>" + code + "</Code><Message>"
            + message + "</Message></Error><RequestId>x</RequestId></ErrorResponse>");
  }

  private static ResponseDefinitionBuilder cloudWatchError(int status, String type, String queryError,
      String message) {
    try {
      byte[] body = new CBORMapper().writeValueAsBytes(
          Map.of("__type", "com.amazonaws.cloudwatch#" + type, "message", message));
      return aResponse().withStatus(status).withHeader("Content-Type", "application/cbor")
          .withHeader("smithy-protocol", "rpc-v2-cbor").withHeader("x-amzn-query-error", queryError)
          .withBody(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  final WireMockServer server;
  final URI endpoint;
  private final Map<UUID, Instant> servedAt = new ConcurrentHashMap<>();
  private final Set<UUID> faultStubs = ConcurrentHashMap.newKeySet();
  private final URI target;
  private final Supplier<Clock> clock;

  /** @param clock the sandbox's scheduler clock, to time each request in scheduler time */
  FaultProxy(URI target, Supplier<Clock> clock) {
    this.target = target;
    this.clock = clock;
    server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").containerThreads(40)
        .asynchronousResponseEnabled(true).asynchronousResponseThreads(20).extensions(new Timer()));
    server.start();
    endpoint = URI.create("http://127.0.0.1:" + server.port());
    reset();
  }

  /** Forgets every request and fault; proxies everything to the sandbox again. */
  void reset() {
    server.resetAll();
    servedAt.clear();
    faultStubs.clear();
    server.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(target.toString())));
  }

  /** Answers the next {@code times} requests for {@code op} with {@code fault}; then proxies again. */
  void inject(Operation op, Fault fault, int times, int hangMillis) {
    String scenario = "fault-" + op;
    for (int i = 0; i < times; i++) {
      StubMapping s = server.stubFor(op.request().atPriority(1).inScenario(scenario)
          .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "after-" + i).willSetStateTo("after-" + (i + 1))
          .willReturn(fault.response(op, hangMillis, target)));
      faultStubs.add(s.getId());
    }
  }

  /** Answers every request for {@code op} with {@code fault} until {@link #heal}. */
  void injectUntilHealed(Operation op, Fault fault, int hangMillis) {
    faultStubs.add(server.stubFor(op.request().atPriority(1).willReturn(fault.response(op, hangMillis, target)))
        .getId());
  }

  /** Removes the persistent faults (their served requests stay counted). */
  void heal() {
    for (StubMapping s : server.getStubMappings()) {
      if (faultStubs.contains(s.getId())) {
        server.removeStub(s);
      }
    }
  }

  /** Every request WireMock served, oldest first. */
  List<ServeEvent> served() {
    List<ServeEvent> all = new ArrayList<>(server.getAllServeEvents());
    java.util.Collections.reverse(all);
    return all;
  }

  boolean faulted(ServeEvent e) {
    return e.getStubMapping() != null && faultStubs.contains(e.getStubMapping().getId());
  }

  /** When the request was matched, in the sandbox's scheduler time. */
  Instant servedAt(ServeEvent e) {
    return servedAt.get(e.getId());
  }

  @Override
  public void close() {
    server.stop();
  }

  /** Stamps each request with the scheduler time at which it was matched. */
  private final class Timer implements ServeEventListener {
    @Override
    public void afterMatch(ServeEvent serveEvent, Parameters parameters) {
      servedAt.put(serveEvent.getId(), clock.get().instant());
    }

    @Override
    public String getName() {
      return "scheduler-timer";
    }
  }
}
