package dev.cutover.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.cutover.engine.Fleet;
import dev.cutover.engine.Supervisor;
import dev.cutover.testkit.ManualScheduler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Route;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The hand-written OpenAPI document and the router agree: every route is documented, every path is routed. */
class OpenApiDocumentTest {
  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
  static Vertx vertx;
  static JsonNode doc;

  @BeforeAll
  static void load() throws Exception {
    vertx = Vertx.vertx();
    doc = new YAMLMapper().readTree(ApiRouter.openApi().getBytes());
  }

  @AfterAll
  static void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  @Test
  void everyRouteIsInTheDocumentAndEveryDocumentedOperationIsRouted() {
    Supervisor supervisor = new Supervisor(vertx, new ManualScheduler(Instant.EPOCH), null);
    var router = ApiServer.routerFor(vertx, new Fleet(vertx, supervisor, null), null);
    Set<String> routed = new TreeSet<>();
    for (Route r : router.getRoutes()) {
      if (r.methods() == null || r.methods().isEmpty() || r.getPath() == null || r.getPath().endsWith("/")) {
        continue; // middleware (headers, body, authentication), not an endpoint
      }
      String path = r.getPath().replaceAll(":(\\w+)", "{$1}");
      assertThat(path).startsWith(ApiRouter.BASE);
      r.methods().forEach(m -> routed.add(m.name().toLowerCase(Locale.ROOT) + " "
          + path.substring(ApiRouter.BASE.length())));
    }

    Set<String> documented = new TreeSet<>();
    doc.get("paths").fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(m -> {
      if (METHODS.contains(m)) {
        documented.add(m + " " + p.getKey());
      }
    }));

    assertThat(routed).hasSizeGreaterThanOrEqualTo(16).isEqualTo(documented);
  }

  @Test
  void theDocumentIsOpenApi3ServedUnderApiV1WithBearerSecurity() {
    assertThat(doc.get("openapi").asText()).startsWith("3.");
    assertThat(doc.at("/servers/0/url").asText()).isEqualTo(ApiRouter.BASE);
    assertThat(doc.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
    assertThat(doc.at("/paths/~1healthz/get/security").isArray()).as("healthz alone is open").isTrue();
  }

  @Test
  void everyReferenceResolves() {
    List<String> refs = new ArrayList<>();
    collectRefs(doc, refs);
    assertThat(refs).isNotEmpty();
    for (String ref : refs) {
      assertThat(ref).startsWith("#/");
      assertThat(doc.at(ref.substring(1)).isMissingNode()).as(ref).isFalse();
    }
  }

  @Test
  void everyOperationDocumentsTheUnauthorizedAnswerExceptHealthz() {
    doc.get("paths").fields().forEachRemaining(p -> p.getValue().fields().forEachRemaining(op -> {
      if (METHODS.contains(op.getKey()) && !p.getKey().equals("/healthz")) {
        assertThat(op.getValue().at("/responses/401").isMissingNode()).as(op.getKey() + " " + p.getKey())
            .isFalse();
      }
    }));
  }

  private static void collectRefs(JsonNode node, List<String> into) {
    if (node.isObject()) {
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        if (k.equals("$ref")) {
          into.add(node.get(k).asText());
        } else {
          collectRefs(node.get(k), into);
        }
      }
    } else if (node.isArray()) {
      node.forEach(n -> collectRefs(n, into));
    }
  }
}
