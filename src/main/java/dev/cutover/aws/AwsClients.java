package dev.cutover.aws;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.TlsTrustManagersProvider;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.route53.Route53AsyncClient;
import software.amazon.awssdk.services.route53.Route53Client;

/**
 * Builds the SDK's async clients the way the adapters need them: standard configuration (default credentials
 * chain, region from {@code AWS_REGION} or the profile, and the service-specific endpoint variables
 * {@code AWS_ENDPOINT_URL_ROUTE_53} / {@code AWS_ENDPOINT_URL_CLOUDWATCH}, which SDK 2.54 honours natively),
 * Netty HTTP (the URL connection for the one-shot synchronous Route 53 client), and <b>no SDK retries</b>:
 * {@link Resilient} and {@link Route53Blocking} own retrying, so attempts do not multiply.
 *
 * <p>An explicit endpoint (tests, the sandbox) overrides the environment.
 */
public final class AwsClients {

  /**
   * @param route53Endpoint explicit Route 53 endpoint, or null for the SDK's resolution (env, profile, AWS)
   * @param cloudWatchEndpoint explicit CloudWatch endpoint, or null
   * @param region CloudWatch region, or null for the SDK's default region chain (Route 53 is always global)
   * @param credentials null for the default credentials chain
   * @param trustManagers null for the JDK's trust store; tests use it to trust a self-signed certificate
   * @param attemptTimeout one HTTP attempt
   * @param callTimeout one SDK call (equal to one attempt, as SDK retries are off, plus marshalling)
   */
  public record Options(
      URI route53Endpoint,
      URI cloudWatchEndpoint,
      Region region,
      AwsCredentialsProvider credentials,
      TlsTrustManagersProvider trustManagers,
      Duration attemptTimeout,
      Duration callTimeout) {

    public static final Options DEFAULTS =
        new Options(null, null, null, null, null, Duration.ofSeconds(10), Duration.ofSeconds(15));

    public Options {
      Objects.requireNonNull(attemptTimeout, "attemptTimeout");
      Objects.requireNonNull(callTimeout, "callTimeout");
    }

    /** Both services at one endpoint (the sandbox serves Route 53 and CloudWatch on one port). */
    public Options withEndpoint(URI endpoint) {
      return new Options(endpoint, endpoint, region, credentials, trustManagers, attemptTimeout, callTimeout);
    }

    public Options withRegion(Region r) {
      return new Options(route53Endpoint, cloudWatchEndpoint, r, credentials, trustManagers, attemptTimeout,
          callTimeout);
    }

    public Options withCredentials(AwsCredentialsProvider c) {
      return new Options(route53Endpoint, cloudWatchEndpoint, region, c, trustManagers, attemptTimeout,
          callTimeout);
    }

    public Options withTrustManagers(TlsTrustManagersProvider t) {
      return new Options(route53Endpoint, cloudWatchEndpoint, region, credentials, t, attemptTimeout,
          callTimeout);
    }

    public Options withTimeouts(Duration attempt, Duration call) {
      return new Options(route53Endpoint, cloudWatchEndpoint, region, credentials, trustManagers, attempt, call);
    }
  }

  private AwsClients() {}

  public static Route53AsyncClient route53(Options o) {
    var b = Route53AsyncClient.builder()
        .region(Region.AWS_GLOBAL)
        .credentialsProvider(credentials(o))
        .httpClientBuilder(http(o))
        .overrideConfiguration(noRetries(o));
    if (o.route53Endpoint() != null) {
      b.endpointOverride(o.route53Endpoint());
    }
    return b.build();
  }

  /**
   * The synchronous Route 53 client of one-shot commands (`rollback`) on the JDK's URL connection ({@link
   * Connections}): no Netty event loop to start and no trust store to load before the first request, so it leaves
   * sooner (docs/benchmarks.md). Same endpoint, credentials, timeouts and (absent) SDK retries otherwise.
   */
  public static Route53Client route53Blocking(Options o) {
    var b = Route53Client.builder()
        .region(Region.AWS_GLOBAL)
        .credentialsProvider(credentials(o))
        .httpClient(UrlConnectionHttpClient.create(new Connections(o)))
        .overrideConfiguration(noRetries(o));
    if (o.route53Endpoint() != null) {
      b.endpointOverride(o.route53Endpoint());
    }
    return b.build();
  }

  public static CloudWatchAsyncClient cloudWatch(Options o) {
    var b = CloudWatchAsyncClient.builder()
        .credentialsProvider(credentials(o))
        .httpClientBuilder(http(o))
        .overrideConfiguration(noRetries(o));
    if (o.region() != null) {
      b.region(o.region());
    }
    if (o.cloudWatchEndpoint() != null) {
      b.endpointOverride(o.cloudWatchEndpoint());
    }
    return b.build();
  }

  private static AwsCredentialsProvider credentials(Options o) {
    return o.credentials() != null ? o.credentials() : DefaultCredentialsProvider.builder().build();
  }

  private static NettyNioAsyncHttpClient.Builder http(Options o) {
    var b = NettyNioAsyncHttpClient.builder()
        .connectionTimeout(Duration.ofSeconds(5))
        .readTimeout(o.attemptTimeout())
        .writeTimeout(o.attemptTimeout())
        .maxConcurrency(16);
    if (o.trustManagers() != null) {
      b.tlsTrustManagersProvider(o.trustManagers());
    }
    return b;
  }

  private static ClientOverrideConfiguration noRetries(Options o) {
    return ClientOverrideConfiguration.builder()
        .retryStrategy(AwsRetryStrategy.doNotRetry())
        .apiCallAttemptTimeout(o.attemptTimeout())
        .apiCallTimeout(o.callTimeout())
        .build();
  }
}
