package dev.cutover.sandbox.route53;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP face of the sandbox Route 53: the REST-XML routes of API version 2013-04-01 over a {@link Route53Model}.
 * Handlers run on the event loop; every model call is in memory and quick. Signatures are not checked. Every request
 * passes {@link Route53Faults#admit()} first, so throttling and injected failures apply to all operations.
 */
public final class Route53Api {
  private static final Logger LOG = LoggerFactory.getLogger(Route53Api.class);
  private static final String BASE = "/2013-04-01";
  private static final String ZONE = BASE + "/hostedzone/(?<zone>[^/]+)";

  private final Route53Model model;

  public Route53Api(Route53Model model) {
    this.model = Objects.requireNonNull(model, "model");
  }

  public Route53Model model() {
    return model;
  }

  /** Registers the routes under {@code /2013-04-01/} on {@code router}. */
  public void mount(Router router) {
    router.route(BASE + "/*").handler(BodyHandler.create().setBodyLimit(2 * 1024 * 1024)).handler(this::admit);
    route(router, HttpMethod.POST, BASE + "/hostedzone/?", this::createHostedZone);
    route(router, HttpMethod.GET, BASE + "/hostedzone/?", this::listHostedZones);
    route(router, HttpMethod.GET, BASE + "/hostedzonesbyname/?", this::listHostedZonesByName);
    route(router, HttpMethod.GET, ZONE + "/?", this::getHostedZone);
    route(router, HttpMethod.POST, ZONE + "/rrset/?", this::changeResourceRecordSets);
    route(router, HttpMethod.GET, ZONE + "/rrset/?", this::listResourceRecordSets);
    route(router, HttpMethod.GET, BASE + "/change/(?<change>[^/]+)/?", this::getChange);
    router.route(BASE + "/*").handler(ctx -> sendError(ctx, UUID.randomUUID().toString(), notImplemented(ctx)));
  }

  /**
   * Any other operation (DeleteHostedZone, health checks, tags, ...), or a known path with another method: 501
   * {@code NotImplemented} in Route 53's ErrorResponse shape, so SDKs and CLIs show a code and do not retry it.
   */
  private static Route53Error notImplemented(RoutingContext ctx) {
    return new Route53Error("NotImplemented", 501, "The cutover sandbox does not implement "
        + ctx.request().method() + " " + ctx.request().path() + "; it serves CreateHostedZone, GetHostedZone,"
        + " ListHostedZones, ListHostedZonesByName, ListResourceRecordSets, ChangeResourceRecordSets and GetChange"
        + " (docs/sandbox-route53-differences.md)");
  }

  private record Reply(int status, String body, String location) {
    static Reply ok(String body) {
      return new Reply(200, body, null);
    }
  }

  private void route(Router router, HttpMethod method, String regex, Function<RoutingContext, Reply> operation) {
    router.routeWithRegex(method, regex).handler(ctx -> {
      String requestId = UUID.randomUUID().toString();
      try {
        Reply reply = operation.apply(ctx);
        if (reply.location() != null) {
          ctx.response().putHeader("Location", reply.location());
        }
        send(ctx, requestId, reply.status(), reply.body());
      } catch (Route53Error e) {
        sendError(ctx, requestId, e);
      } catch (RuntimeException e) {
        LOG.error("Route 53 sandbox failed on {} {}", ctx.request().method(), ctx.request().path(), e);
        sendError(ctx, requestId, new Route53Error("InternalFailure", 500, "Sandbox internal error: " + e));
      }
    });
  }

  private void admit(RoutingContext ctx) {
    try {
      model.faults().admit();
      ctx.next();
    } catch (Route53Error e) {
      sendError(ctx, UUID.randomUUID().toString(), e);
    }
  }

  private Reply createHostedZone(RoutingContext ctx) {
    Route53Requests.CreateZone request = Route53Requests.createHostedZone(ctx.body().asString());
    if (request.privateZone()) {
      throw Route53Error.invalidInput("The cutover sandbox does not support private hosted zones");
    }
    CreatedZone created = model.createHostedZone(request.name(), request.callerReference(), request.comment());
    String location = "https://route53.amazonaws.com" + BASE + "/hostedzone/" + created.zone().id();
    return new Reply(201, Route53Responses.createHostedZone(created), location);
  }

  private Reply getHostedZone(RoutingContext ctx) {
    String id = ctx.pathParam("zone");
    return Reply.ok(Route53Responses.getHostedZone(model.getHostedZone(id), model.nameServers(id)));
  }

  private Reply listHostedZones(RoutingContext ctx) {
    String marker = ctx.queryParams().get("marker");
    Integer max = Route53Requests.intParam("maxitems", ctx.queryParams().get("maxitems"));
    ZonePage page = model.listHostedZones(marker, max);
    return Reply.ok(Route53Responses.listHostedZones(page, marker, pageSize(max, Route53Model.MAX_ZONE_PAGE)));
  }

  private Reply listHostedZonesByName(RoutingContext ctx) {
    String dnsName = ctx.queryParams().get("dnsname");
    String zoneId = ctx.queryParams().get("hostedzoneid");
    Integer max = Route53Requests.intParam("maxitems", ctx.queryParams().get("maxitems"));
    ZonesByNamePage page = model.listHostedZonesByName(dnsName, zoneId, max);
    return Reply.ok(Route53Responses.listHostedZonesByName(page, dnsName, zoneId,
        pageSize(max, Route53Model.MAX_ZONE_PAGE)));
  }

  private Reply listResourceRecordSets(RoutingContext ctx) {
    Integer max = Route53Requests.intParam("maxitems", ctx.queryParams().get("maxitems"));
    RecordPage page = model.listResourceRecordSets(ctx.pathParam("zone"), ctx.queryParams().get("name"),
        ctx.queryParams().get("type"), ctx.queryParams().get("identifier"), max);
    return Reply.ok(Route53Responses.listResourceRecordSets(page, pageSize(max, Route53Model.MAX_RECORD_PAGE)));
  }

  private Reply changeResourceRecordSets(RoutingContext ctx) {
    Route53Requests.ChangeBatch batch = Route53Requests.changeBatch(ctx.body().asString());
    ChangeInfo info = model.changeResourceRecordSets(ctx.pathParam("zone"), batch.comment(), batch.changes());
    return Reply.ok(Route53Responses.changeResourceRecordSets(info));
  }

  private Reply getChange(RoutingContext ctx) {
    return Reply.ok(Route53Responses.getChange(model.getChange(ctx.pathParam("change"))));
  }

  private static int pageSize(Integer requested, int limit) {
    return requested == null ? limit : Math.min(requested, limit);
  }

  private static void send(RoutingContext ctx, String requestId, int status, String body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "text/xml")
        .putHeader("x-amzn-RequestId", requestId)
        .end(body);
  }

  private static void sendError(RoutingContext ctx, String requestId, Route53Error error) {
    send(ctx, requestId, error.httpStatus(), Route53Responses.error(error, requestId));
  }
}
