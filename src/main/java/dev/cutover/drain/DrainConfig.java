package dev.cutover.drain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Drains from the command line: {@code --drain APP=ENV_VAR} names a Heroku app and the environment variable that
 * holds its drain's secret, so that the secret is in no command line, file or log. Every problem is reported with
 * what to write instead.
 */
public final class DrainConfig {
  /** Heroku app names (lowercase letters, digits and dashes), and plan names for a rehearsal's drain. */
  static final Pattern APP = Pattern.compile("[a-z0-9][a-z0-9-]{0,99}");
  private static final Pattern ENV_VAR = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  /** A name shown in messages: anything else after {@code =} might be the secret itself, given by mistake. */
  private static final Pattern SHOWN_VAR = Pattern.compile("[A-Z_][A-Z0-9_]{0,63}");

  private DrainConfig() {}

  /**
   * The secrets of {@code specs}, by app.
   *
   * @param env the environment ({@code System::getenv})
   * @throws IllegalArgumentException saying which spec is wrong and how to fix it
   */
  public static Map<String, String> secrets(List<String> specs, Function<String, String> env) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String spec : specs) {
      int eq = spec.indexOf('=');
      String app = eq < 0 ? spec : spec.substring(0, eq);
      String var = eq < 0 ? "" : spec.substring(eq + 1);
      if (!APP.matcher(app).matches() || !ENV_VAR.matcher(var).matches()) {
        throw new IllegalArgumentException("--drain " + printable(app) + "=" + shown(var) + " is not APP=ENV_VAR: give the Heroku"
            + " app's name and the environment variable that holds its drain secret, like --drain"
            + " myapp=MYAPP_DRAIN_SECRET");
      }
      if (out.containsKey(app)) {
        throw new IllegalArgumentException("--drain names app " + app + " twice: give each app once");
      }
      String secret = env.apply(var);
      if (secret == null || secret.isEmpty()) {
        throw new IllegalArgumentException("--drain " + app + "=" + shown(var) + ": the environment variable "
            + shown(var) + " is not set; export it with the drain's secret (for example `export "
            + (SHOWN_VAR.matcher(var).matches() ? var : "MYAPP_DRAIN_SECRET") + "=$(openssl rand -hex 24)`), the"
            + " password of the drain URL given to `heroku drains:add`; --drain takes the variable's NAME, never"
            + " the secret");
      }
      if (secret.length() < DrainSecret.MIN_LENGTH) {
        throw new IllegalArgumentException("--drain " + app + "=" + shown(var) + ": the secret in it is shorter"
            + " than " + DrainSecret.MIN_LENGTH + " characters; use a long random one (`openssl rand -hex 24`)");
      }
      out.put(app, secret);
    }
    return out;
  }

  /** The path of an app's drain, e.g. {@code /drains/heroku/myapp}. */
  public static String path(String app) {
    return DrainEndpoint.PREFIX + app;
  }

  /** The variable's name when it looks like one (UPPER_CASE); otherwise it is not shown. */
  private static String shown(String var) {
    return SHOWN_VAR.matcher(var).matches() ? var : "(name not shown: write the variable's name in UPPER_CASE)";
  }

  private static String printable(String s) {
    String cut = s.length() > 80 ? s.substring(0, 80) + "..." : s;
    return "'" + cut.replaceAll("\\p{Cntrl}", "?") + "'";
  }
}
