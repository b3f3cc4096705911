package dev.reconciler.cli;

import dev.reconciler.core.domain.Progress;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Shows core progress as a bar, only when a person is watching a terminal. */
final class TerminalProgress implements Progress {
  private ProgressBar bar;

  /** A bar on a terminal, nothing otherwise (CI logs, pipes, workers). */
  static Progress forConsole() {
    return System.console() != null ? new TerminalProgress() : Progress.NONE;
  }

  @Override
  public synchronized void start(String step, long total) {
    finish();
    bar =
        new ProgressBarBuilder()
            .setTaskName(step)
            .setInitialMax(total)
            .setStyle(ProgressBarStyle.ASCII)
            .setUpdateIntervalMillis(200)
            .continuousUpdate()
            .setUnit(" rows", 1)
            .showSpeed()
            .build();
  }

  @Override
  public void advance(long delta) {
    ProgressBar current = bar;
    if (current != null) {
      current.stepBy(delta);
    }
  }

  @Override
  public synchronized void finish() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }
}
