package dev.cutover.sandbox.route53;

import static dev.cutover.sandbox.route53.Route53SandboxIT.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.testkit.MutableClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.route53.model.Route53Exception;

/**
 * Operations the sandbox does not implement answer in Route 53's ErrorResponse shape (AWS Route 53 API Reference, "Common Errors"; docs/sandbox-route53-differences.md), whatever the
 * path or method, so that the SDK and the CLIs report an error code instead of an empty one.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class Route53UnimplementedIT {
  private Route53SandboxServer sandbox;

  @BeforeEach
  void start() {
    sandbox = Route53SandboxServer.start(new Route53Model(MutableClock.atEpochDay()));
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  @Test
  void anUnimplementedOperationIsNotImplementedWithAnErrorCodeTheSdkParses() {
    String zone = call(sandbox.client().createHostedZone(b -> b.name("example.com").callerReference("u")))
        .hostedZone().id();

    assertThatThrownBy(() -> call(sandbox.client().deleteHostedZone(b -> b.id(zone))))
        .isInstanceOfSatisfying(Route53Exception.class, e -> {
          assertThat(e.statusCode()).isEqualTo(501);
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NotImplemented");
          assertThat(e.awsErrorDetails().errorMessage()).contains("DELETE /2013-04-01/hostedzone/" + zone);
        });
    assertThatThrownBy(() -> call(sandbox.client().getHostedZoneCount(b -> b.build())))
        .isInstanceOfSatisfying(Route53Exception.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NotImplemented"));
  }

  @Test
  void aKnownPathWithAnotherMethodAnswersXmlNotAPlain405() throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    for (String method : new String[] {"DELETE", "PUT", "PATCH"}) {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(sandbox.endpoint()
              + "/2013-04-01/hostedzone/Z1/rrset")).timeout(Duration.ofSeconds(10))
          .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

      assertThat(r.statusCode()).as(method).isEqualTo(501);
      assertThat(r.headers().firstValue("Content-Type")).contains("text/xml");
      assertThat(r.body()).startsWith("<?xml").contains("<ErrorResponse xmlns=\"https://route53.amazonaws.com/doc/"
          + "2013-04-01/\"><Error><Type>Receiver</Type><Code>NotImplemented</Code>");
    }
  }
}
