package dev.reconciler.cli;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.domain.UserError;
import dev.reconciler.worker.metrics.Metrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** reconciler metrics: the Prometheus exposition, printed or written for node_exporter. */
@Command(
    name = "metrics",
    mixinStandardHelpOptions = true,
    description =
        "Print the Prometheus metrics of the queues, tasks and runs (the text exposition format), "
            + "or with --textfile write them atomically for node_exporter's textfile collector.")
final class MetricsCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Option(
      names = "--textfile",
      paramLabel = "PATH",
      description =
          "write to this file (replaced atomically: a scrape never reads half of it); node_exporter "
              + "reads *.prom files in its --collector.textfile.directory")
  Path textfile;

  @Override
  public Integer call() {
    Settings settings = common.settings();
    Clock clock = Clock.systemUTC();
    String text;
    try (Broker broker = Broker.connect(settings, clock)) {
      text = Metrics.of(settings, broker.queue, clock).scrape();
    }
    if (textfile == null) {
      System.out.print(text);
    } else {
      write(textfile.toAbsolutePath(), text);
    }
    return 0;
  }

  /**
   * Written beside the target and renamed over it, so node_exporter never reads half a file. The
   * temporary name does not end in .prom, which the collector would read. Not createTempFile: its
   * 0600 mode would survive the rename, and node_exporter usually runs as another user.
   */
  private static void write(Path target, String text) {
    Path dir = target.getParent();
    if (!Files.isDirectory(dir)) {
      throw new UserError(
          "--textfile " + target + ": no directory " + dir + " (create it, or name another file)");
    }
    Path temp = dir.resolve("." + target.getFileName() + "-" + UUID.randomUUID() + ".part");
    try {
      try {
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing --textfile " + target, e);
    }
  }
}
