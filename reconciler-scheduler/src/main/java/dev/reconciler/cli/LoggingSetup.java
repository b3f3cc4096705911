package dev.reconciler.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import dev.reconciler.core.config.Settings;
import org.slf4j.LoggerFactory;

/**
 * Configures Logback from [logging]: a console appender (stderr) and a rolling file. Every line
 * carries the task and run id from the MDC. Done in code so config.ini stays the one place to set
 * it.
 */
final class LoggingSetup {
  static final String PATTERN =
      "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{24} "
          + "[task=%X{taskId:--} run=%X{runId:--}] %msg%n";

  private LoggingSetup() {}

  /**
   * @param consoleAtLevel true for long-running processes and --verbose; otherwise the console
   *     shows warnings and errors only, so a command's own output stays readable
   */
  static void configure(Settings settings, boolean consoleAtLevel) {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    Level level = Level.toLevel(settings.logging().level());
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(level);
    root.addAppender(console(context, consoleAtLevel ? level : Level.WARN));
    if (!settings.logging().file().isBlank()) {
      root.addAppender(file(context, settings));
    }
    // POI, Quartz, the mail stack and the connection pool are chatty at INFO about their own
    // internals (a pool's start and shutdown).
    context.getLogger("org.apache.poi").setLevel(Level.WARN);
    context.getLogger("org.quartz").setLevel(Level.WARN);
    context.getLogger("com.zaxxer.hikari").setLevel(Level.WARN);
  }

  static ConsoleAppender<ILoggingEvent> console(LoggerContext context, Level threshold) {
    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(context);
    console.setTarget("System.err");
    console.setEncoder(encoder(context));
    ch.qos.logback.classic.filter.ThresholdFilter filter =
        new ch.qos.logback.classic.filter.ThresholdFilter();
    filter.setLevel(threshold.toString());
    filter.start();
    console.addFilter(filter);
    console.start();
    return console;
  }

  private static RollingFileAppender<ILoggingEvent> file(LoggerContext context, Settings settings) {
    String path = settings.paths().logDir().resolve(settings.logging().file()).toString();
    RollingFileAppender<ILoggingEvent> file = new RollingFileAppender<>();
    file.setContext(context);
    file.setFile(path);
    SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
    policy.setContext(context);
    policy.setParent(file);
    policy.setFileNamePattern(path + ".%d{yyyy-MM-dd}.%i.gz");
    policy.setMaxFileSize(FileSize.valueOf(settings.logging().maxFileSize()));
    policy.setMaxHistory(settings.logging().maxHistory());
    policy.start();
    file.setRollingPolicy(policy);
    file.setEncoder(encoder(context));
    file.start();
    return file;
  }

  private static PatternLayoutEncoder encoder(LoggerContext context) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(PATTERN);
    encoder.start();
    return encoder;
  }
}
