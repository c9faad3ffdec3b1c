package dev.cutover.app;

import dev.cutover.cli.CliExit;
import dev.cutover.cli.CutoverCli;
import dev.cutover.domain.ExitCode;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Compressed time ({@code --time-speed}, and the speed of {@code demo} and {@code rehearse}) is for the sandbox
 * only: against real AWS a 30-minute bake would pass in 45 seconds of real traffic. So it needs every AWS
 * endpoint the command may call to be on loopback, resolved here as the SDK would (flag, then the service's
 * {@code AWS_ENDPOINT_URL_*} variable, then {@code AWS_ENDPOINT_URL}) and then given to the clients explicitly,
 * so that what was checked is what is called.
 */
record LoopbackEndpoints(URI route53, URI cloudWatch, URI dynamoDb) {

  /**
   * The endpoints to use at {@code speed}: as given when time is not compressed (null: the SDK resolves); else
   * every one resolved and on loopback, or exit 2 saying which is not and why.
   *
   * @param env the environment ({@code System::getenv})
   */
  static LoopbackEndpoints require(double speed, CutoverCli.Options options, UnaryOperator<String> env) {
    if (speed == 1.0) {
      return new LoopbackEndpoints(options.route53Endpoint(), options.cloudWatchEndpoint(), null);
    }
    boolean envIgnored = "true".equalsIgnoreCase(env.apply("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"));
    URI route53 = resolve(options.route53Endpoint(), "AWS_ENDPOINT_URL_ROUTE_53", envIgnored, env);
    URI cloudWatch = resolve(options.cloudWatchEndpoint(), "AWS_ENDPOINT_URL_CLOUDWATCH", envIgnored, env);
    String store = options.store() != null ? options.store() : env.apply("CUTOVER_STORE");
    boolean dynamo = store != null && store.startsWith("dynamodb");
    URI dynamoDb = dynamo ? resolve(null, "AWS_ENDPOINT_URL_DYNAMODB", envIgnored, env) : null;
    List<String> remote = new ArrayList<>();
    check("Route 53", route53, "--route53-endpoint", remote);
    check("CloudWatch", cloudWatch, "--cloudwatch-endpoint", remote);
    if (dynamo) {
      check("DynamoDB (--store dynamodb)", dynamoDb, "AWS_ENDPOINT_URL_DYNAMODB", remote);
    }
    if (!remote.isEmpty()) {
      throw new CliExit(ExitCode.INVALID_INPUT, "time compressed " + speed + "× is for the sandbox only, and "
          + String.join("; ", remote) + ". Against real AWS compressed time would shorten real bakes (a 30m"
          + " bake would pass in " + Math.round(1800 / speed) + "s of real traffic). Point every endpoint at the"
          + " sandbox on 127.0.0.1 (`cutover sandbox` prints them), or drop --time-speed");
    }
    return new LoopbackEndpoints(route53, cloudWatch, dynamoDb);
  }

  private static URI resolve(URI flag, String variable, boolean envIgnored, UnaryOperator<String> env) {
    if (flag != null) {
      return flag;
    }
    if (envIgnored) {
      return null;
    }
    for (String name : List.of(variable, "AWS_ENDPOINT_URL")) {
      String value = env.apply(name);
      if (value != null && !value.isBlank()) {
        try {
          return URI.create(value.trim());
        } catch (IllegalArgumentException e) {
          return URI.create("http://unparseable." + name.toLowerCase(Locale.ROOT));
        }
      }
    }
    return null;
  }

  private static void check(String service, URI endpoint, String how, List<String> remote) {
    if (endpoint == null) {
      remote.add(service + " would be real AWS (no endpoint given: set " + how + ")");
    } else if (!isLoopback(endpoint)) {
      remote.add(service + " is at " + endpoint + ", not on loopback");
    }
  }

  /** localhost, or an IP literal in 127.0.0.0/8 or ::1; a DNS name is never trusted to stay on loopback. */
  static boolean isLoopback(URI endpoint) {
    String host = endpoint.getHost();
    if (host == null) {
      return false;
    }
    if (host.equalsIgnoreCase("localhost")) {
      return true;
    }
    String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (!literal.matches("[0-9.]+") && !literal.contains(":")) {
      return false;
    }
    try {
      return InetAddress.getByName(literal).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
