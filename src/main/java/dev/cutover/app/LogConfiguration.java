package dev.cutover.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.status.NopStatusListener;
import ch.qos.logback.core.spi.ContextAwareBase;
import net.logstash.logback.encoder.LogstashEncoder;
import org.slf4j.Logger;

/**
 * The logging configuration, in code: Logback finds it through {@code META-INF/services} before it looks for XML,
 * and parsing XML cost every start 30 ms of CPU, a tenth of an incident responder's {@code rollback}
 * (docs/benchmarks.md). People read progress on stdout (one line per event); stderr carries warnings and errors
 * only. Machines read JSON lines in {@code $cutover.logDir/cutover.jsonl} (the state dir's {@code logs/}, see
 * {@link Logs}); every line carries the cutover id (MDC "cutover").
 *
 * <p>A configuration file given with {@code -Dlogback.configurationFile}, or a {@code logback-test.xml} on the class
 * path (the tests'), takes precedence: Logback then reads it as usual.
 */
public final class LogConfiguration extends ContextAwareBase implements Configurator {
  static final String CONSOLE_PATTERN = "%d{HH:mm:ss} %-5level [%X{cutover:-}] %msg%n";

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    if (System.getProperty("logback.configurationFile") != null
        || LogConfiguration.class.getClassLoader().getResource("logback-test.xml") != null) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    apply(context);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  /** {@code $cutover.logFile}, else {@code $cutover.logDir/cutover.jsonl}, else {@code .cutover/logs/cutover.jsonl}. */
  static String file() {
    String file = System.getProperty("cutover.logFile");
    return file != null ? file : System.getProperty("cutover.logDir", ".cutover/logs") + "/cutover.jsonl";
  }

  static void apply(LoggerContext context) {
    // no status dump on the console, ever: Logs points the file at the state dir only when it is usable, and a
    // command that needs an unusable state dir says why in one line
    context.getStatusManager().add(new NopStatusListener());
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(context);
    console.setName("CONSOLE");
    console.setTarget("System.err");
    ThresholdFilter warnings = new ThresholdFilter();
    warnings.setLevel("WARN");
    warnings.start();
    console.addFilter(warnings);
    PatternLayoutEncoder pattern = new PatternLayoutEncoder();
    pattern.setContext(context);
    pattern.setPattern(CONSOLE_PATTERN);
    pattern.start();
    console.setEncoder(pattern);
    console.start();

    FileAppender<ILoggingEvent> json = new FileAppender<>();
    json.setContext(context);
    json.setName("JSON");
    json.setFile(file());
    LogstashEncoder lines = new LogstashEncoder();
    lines.setContext(context);
    lines.start();
    json.setEncoder(lines);
    json.start();

    context.getLogger("dev.cutover").setLevel(Level.INFO);
    context.getLogger("io.netty").setLevel(Level.WARN);
    context.getLogger("software.amazon.awssdk").setLevel(Level.WARN);
    context.getLogger("io.vertx").setLevel(Level.WARN);
    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    root.addAppender(console);
    root.addAppender(json);
  }
}
