package dev.cutover.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Converters that refuse a wrong option value while the command line is parsed, so that picocli names the
 * option and exits 2 ("Invalid value for option '--speed': ...") before anything starts.
 */
public final class OptionValues {
  /** The most time compression the scheduler and the sandbox keep up with. */
  public static final double MAX_SPEED = 1000;

  private OptionValues() {}

  /** A time compression factor: a number from 1 (real time) to {@link #MAX_SPEED}. */
  public static final class Speed implements ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
      double speed;
      try {
        speed = Double.parseDouble(value.trim());
      } catch (NumberFormatException e) {
        speed = Double.NaN;
      }
      if (!(speed >= 1 && speed <= MAX_SPEED)) {
        throw new TypeConversionException("'" + value + "' is not a speed: give a number from 1 (real time) to "
            + (int) MAX_SPEED + ", how many times faster than the wall clock time runs");
      }
      return speed;
    }
  }

  /** A positive duration like 10s, 2m or 1h. */
  public static final class PositiveDuration implements ITypeConverter<java.time.Duration> {
    @Override
    public java.time.Duration convert(String value) {
      return dev.cutover.plan.Durations.parse(value.trim()).filter(d -> !d.isZero() && !d.isNegative())
          .orElseThrow(() -> new TypeConversionException("'" + value + "' is not a positive duration: write it"
              + " like 10s, 2m or 1h"));
    }
  }

  /** An AWS endpoint override: an absolute http or https URL with a host. */
  public static final class Endpoint implements ITypeConverter<URI> {
    @Override
    public URI convert(String value) {
      URI uri;
      try {
        uri = new URI(value.trim());
      } catch (URISyntaxException e) {
        uri = null;
      }
      String scheme = uri == null || uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (uri == null || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        throw new TypeConversionException("'" + value + "' is not an endpoint URL: write it like"
            + " http://127.0.0.1:4566 or https://route53.amazonaws.com");
      }
      return uri;
    }
  }
}
