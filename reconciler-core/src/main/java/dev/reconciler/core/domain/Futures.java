package dev.reconciler.core.domain;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Joins work handed to another thread, so its failure surfaces as it was thrown. */
public final class Futures {
  private Futures() {}

  /** The future's value; a RuntimeException it failed with is rethrown unwrapped. */
  public static <T> T join(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }
}
