package dev.cutover.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import net.logstash.logback.encoder.LogstashEncoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

/** The logging configuration in code: warnings on stderr, every INFO line as JSON in the state dir's log. */
class LogConfigurationTest {
  @TempDir Path dir;

  @Test
  void warningsGoToStderrAndEveryLineToTheJsonLogOfTheStateDir() throws Exception {
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(new LogbackMDCAdapter()); // as Logback's service provider does before configuring
    String before = System.getProperty("cutover.logDir");
    System.setProperty("cutover.logDir", dir.resolve("logs").toString());
    try {
      LogConfiguration.apply(context);
    } finally {
      if (before == null) {
        System.clearProperty("cutover.logDir");
      } else {
        System.setProperty("cutover.logDir", before);
      }
    }
    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);

    var console = (ConsoleAppender<ILoggingEvent>) root.getAppender("CONSOLE");
    assertThat(console.getTarget()).isEqualTo("System.err");
    assertThat(((PatternLayoutEncoder) console.getEncoder()).getPattern()).isEqualTo(LogConfiguration.CONSOLE_PATTERN);
    assertThat(console.getCopyOfAttachedFiltersList()).singleElement()
        .isInstanceOfSatisfying(ThresholdFilter.class, f -> assertThat(f.isStarted()).isTrue());
    var json = (FileAppender<ILoggingEvent>) root.getAppender("JSON");
    assertThat(json.getEncoder()).isInstanceOf(LogstashEncoder.class);
    assertThat(Path.of(json.getFile())).isEqualTo(dir.resolve("logs").resolve("cutover.jsonl"));
    assertThat(root.getLevel()).isEqualTo(Level.INFO);
    assertThat(context.getLogger("dev.cutover").getLevel()).isEqualTo(Level.INFO);
    assertThat(context.getLogger("software.amazon.awssdk").getLevel()).isEqualTo(Level.WARN);
    assertThat(context.getLogger("io.netty").getLevel()).isEqualTo(Level.WARN);
    assertThat(context.getLogger("io.vertx").getLevel()).isEqualTo(Level.WARN);

    context.getLogger("dev.cutover.test").info("an info line reaches the JSON log only");
    context.stop();
    assertThat(Files.readString(dir.resolve("logs").resolve("cutover.jsonl")))
        .contains("\"message\":\"an info line reaches the JSON log only\"", "\"level\":\"INFO\"");
  }

  @Test
  void aConfigurationFileOnTheClassPathOrOnTheCommandLineTakesPrecedence() {
    // the tests' logback-test.xml is on this class path
    assertThat(new LogConfiguration().configure(new LoggerContext()))
        .isEqualTo(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);
  }
}
