package dev.cutover.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.domain.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A secret of the --notify file, read from the environment ({@code urlEnv: SLACK_WEBHOOK}) or a file ({@code
 * urlFile: /run/secrets/slack}), never written in the file itself. No message ever repeats a secret's value.
 */
final class SecretReads {
  /** A secret file holds one line: a URL or a key. */
  static final int MAX_BYTES = 64 * 1024;
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

  private final Fields fields;
  private final Problems problems;
  private final Function<String, String> env;

  SecretReads(Fields fields, Function<String, String> env) {
    this.fields = fields;
    this.problems = fields.problems();
    this.env = env;
  }

  /**
   * The secret named by {@code <base>Env} or {@code <base>File} of {@code sink} (exactly one), or empty when it is
   * missing or unreadable (reported). A literal {@code <base>} key is refused: a secret is never written here.
   *
   * @param what what it is, for messages: "the webhook URL"
   */
  Optional<Secret> read(ObjectNode sink, String path, String base, String what, String envExample) {
    String envKey = base + "Env";
    String fileKey = base + "File";
    if (Fields.get(sink, base) != null) {
      problems.error(Paths.child(path, base), "`" + base + "` would hold " + what + " in this file, but it is a"
              + " secret: it belongs in the environment or a secret file, never in a file that is copied around",
          "write " + envKey + ": " + envExample + " (an environment variable) or " + fileKey
              + ": /run/secrets/NAME (a file), and rotate " + what + " if this file was shared");
      return Optional.empty();
    }
    boolean fromEnv = Fields.get(sink, envKey) != null;
    boolean fromFile = Fields.get(sink, fileKey) != null;
    if (fromEnv == fromFile) {
      problems.error(fromEnv ? Paths.child(path, fileKey) : path, fromEnv
              ? "both " + envKey + " and " + fileKey + " are given for " + what
              : what + " is missing: give " + envKey + " or " + fileKey,
          "write one of " + envKey + ": " + envExample + " or " + fileKey + ": /run/secrets/NAME");
      return Optional.empty();
    }
    return fromEnv ? fromEnv(sink, path, envKey, what) : fromFile(sink, path, fileKey, what);
  }

  private Optional<Secret> fromEnv(ObjectNode sink, String path, String key, String what) {
    String at = Paths.child(path, key);
    Optional<String> name = fields.text(sink, key, path, true, "SLACK_WEBHOOK");
    if (name.isEmpty()) {
      return Optional.empty();
    }
    if (!ENV_NAME.matcher(name.get()).matches()) {
      problems.error(at, "`" + name.get() + "` is not an environment variable name", "write the variable's name"
          + " (letters, digits and _), not its value: e.g. " + key + ": SLACK_WEBHOOK");
      return Optional.empty();
    }
    String value = env.apply(name.get());
    if (value == null || value.isBlank()) {
      problems.error(at, "environment variable " + name.get() + " is not set (or empty), so " + what
          + " is unknown", "export " + name.get() + " in the environment of cutover, or use a secret file");
      return Optional.empty();
    }
    return Optional.of(new Secret(value.strip(), "$" + name.get()));
  }

  private Optional<Secret> fromFile(ObjectNode sink, String path, String key, String what) {
    String at = Paths.child(path, key);
    Optional<String> name = fields.text(sink, key, path, true, "/run/secrets/slack-webhook");
    if (name.isEmpty()) {
      return Optional.empty();
    }
    Path file = Path.of(name.get());
    String fix = "mount the secret at " + name.get() + " or fix the path";
    if (!Files.isRegularFile(file)) {
      problems.error(at, "cannot read " + what + " from " + name.get() + ": " + (Files.exists(file)
          ? "it is not a regular file" : "it does not exist"), fix);
      return Optional.empty();
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(MAX_BYTES + 1);
    } catch (IOException | RuntimeException e) {
      problems.error(at, "cannot read " + what + " from " + name.get() + ": " + e.getClass().getSimpleName(),
          "check the file's permissions for the user cutover runs as");
      return Optional.empty();
    }
    String value = new String(bytes, StandardCharsets.UTF_8).strip();
    if (bytes.length > MAX_BYTES || value.isEmpty() || value.contains("\n")) {
      problems.error(at, name.get() + " does not hold " + what + " on one line (it is "
              + (value.isEmpty() ? "empty" : bytes.length > MAX_BYTES ? "over 64 KiB" : "several lines") + ")",
          "write only " + what + " into the file");
      return Optional.empty();
    }
    return Optional.of(new Secret(value, name.get()));
  }

  /**
   * Whether {@code secret} is an absolute http(s) URL with a host, reporting it at {@code path} (without its
   * value) when not; warns when it would travel in clear text beyond this machine.
   */
  boolean isUrl(Secret secret, String path, String what) {
    Optional<URI> uri = url(secret.reveal());
    if (uri.isEmpty()) {
      problems.error(path, "the value of " + secret.source() + " is not an http(s) URL, so it cannot be "
          + what, "set it to the URL itself, e.g. https://hooks.example.com/...");
      return false;
    }
    if (uri.get().getScheme().equalsIgnoreCase("http") && !loopback(uri.get().getHost())) {
      problems.warning(path, what + " (from " + secret.source() + ") is plain http: it and every message"
          + " travel unencrypted", "use an https URL");
    }
    return true;
  }

  /** An absolute http(s) URL with a host, or empty (never an exception whose message could repeat it). */
  static Optional<URI> url(String text) {
    try {
      URI u = new URI(text.strip());
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && u.getHost() != null) {
        return Optional.of(u);
      }
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  private static boolean loopback(String host) {
    if (host.equalsIgnoreCase("localhost")) {
      return true;
    }
    try {
      return (host.matches("[0-9.]+") || host.startsWith("[")) && InetAddress.getByName(host).isLoopbackAddress();
    } catch (IOException e) {
      return false;
    }
  }
}
