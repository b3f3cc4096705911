package dev.reconciler.worker.queue;

/**
 * A job a worker took: the queue it came from, its exact payload (needed to ack it) and how many
 * times the reaper returned it from a dead worker (its task's redeliveries).
 */
public record Delivery(String queue, String payload, int redeliveries) {
  /** A job never returned by the reaper. */
  public Delivery(String queue, String payload) {
    this(queue, payload, 0);
  }
}
