package dev.reconciler.core.domain;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Joins work handed to another thread, so its failure surfaces as it was thrown. */
public final class Futures {
  private Futures() {}

  /**
   * Waits until the future is done, however it ends: work a run started on another thread must not
   * outlive the run, whatever became of it.
   */
  public static void await(CompletableFuture<?> future) {
    future.handle((value, failure) -> null).join();
  }

  /** The future's value; a RuntimeException it failed with is rethrown unwrapped. */
  public static <T> T join(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }
}
