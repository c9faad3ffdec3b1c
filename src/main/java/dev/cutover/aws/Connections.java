package dev.cutover.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.time.Duration;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import software.amazon.awssdk.http.urlconnection.UrlConnectionFactory;

/**
 * The connections of the synchronous Route 53 client: the JDK's {@link HttpURLConnection} with the client's connect
 * and read timeouts and the JDK's proxy selection (system properties), as the SDK's own factory opens them when no
 * proxy is configured. One difference: TLS is set up on the first https request, not when the client is built, so
 * a responder's `rollback` does not wait for the trust store before its first request and an http endpoint (the
 * sandbox) never loads it. The trust store is the JDK's default, or the given trust managers (tests).
 */
final class Connections implements UrlConnectionFactory {
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  private final AwsClients.Options options;
  private SSLSocketFactory tls;

  Connections(AwsClients.Options options) {
    this.options = options;
  }

  @Override
  public HttpURLConnection createConnection(URI uri) {
    try {
      HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
      c.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
      c.setReadTimeout((int) Math.min(Integer.MAX_VALUE, options.attemptTimeout().toMillis()));
      if (c instanceof HttpsURLConnection https && options.trustManagers() != null) {
        https.setSSLSocketFactory(tls());
      }
      return c;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private synchronized SSLSocketFactory tls() {
    if (tls == null) {
      try {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, options.trustManagers().trustManagers(), null);
        tls = context.getSocketFactory();
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("cannot set up TLS with the given trust managers: " + e.getMessage(), e);
      }
    }
    return tls;
  }
}
