package dev.reconciler.cli;

import dev.reconciler.core.config.Bind;
import dev.reconciler.core.config.Settings;
import dev.reconciler.core.domain.SafeText;
import dev.reconciler.core.domain.UserError;
import dev.reconciler.core.runs.RunStores;
import dev.reconciler.web.WebServer;
import java.time.Clock;
import picocli.CommandLine.Option;

/** --bind, shared by 'web' and 'worker --web', and starting the console on the chosen address. */
final class WebOptions {
  @Option(
      names = "--bind",
      paramLabel = "HOST:PORT",
      description = "where the console listens (default: [web] bind, 127.0.0.1:8088)")
  String bind;

  /** Starts the console over this broker's Redis and the configured run store. */
  WebServer start(Settings settings, Broker broker, Clock clock) {
    Bind where = where(settings);
    return WebServer.start(
        settings,
        broker.queue,
        RunStores.open(settings, settings.paths().database()),
        clock,
        where.host(),
        where.port());
  }

  /**
   * Where to listen: --bind, else [web] bind; checked before anything connects.
   *
   * @throws UserError for a --bind that is not host:port
   */
  Bind where(Settings settings) {
    if (bind == null) {
      return new Bind(settings.web().host(), settings.web().port());
    }
    try {
      return Bind.parse(bind);
    } catch (IllegalArgumentException e) {
      throw new UserError(
          "--bind '" + SafeText.line(bind, 100) + "' is invalid: expected " + Bind.EXPECTED);
    }
  }
}
