package dev.reconciler.worker.queue;

/** A job a worker took: the queue it came from and its exact payload (needed to ack it). */
public record Delivery(String queue, String payload) {}
