package dev.reconciler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.ConsoleAppender;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

class BootstrapLoggingTest {
  @Test
  void isFoundByLogbackAndSendsOnlyWarningsToStderr() {
    assertThat(ServiceLoader.load(Configurator.class))
        .anyMatch(configurator -> configurator instanceof BootstrapLogging);

    LoggerContext context = new LoggerContext();
    assertThat(new BootstrapLogging().configure(context))
        .isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    assertThat(root.getLevel()).isEqualTo(Level.WARN);
    assertThat(root.iteratorForAppenders())
        .toIterable()
        .singleElement()
        .isInstanceOfSatisfying(
            ConsoleAppender.class,
            console -> assertThat(console.getTarget()).isEqualTo("System.err"));
  }
}
