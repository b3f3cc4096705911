package dev.reconciler.worker.queue;

import dev.reconciler.worker.task.TaskEnvelope;
import java.nio.charset.StandardCharsets;

/**
 * A job a worker took: the queue it came from, its payload as stored and how many times the reaper
 * returned it from a dead worker (its task's redeliveries). The scripts that end, check or take
 * back the job find it by the stored bytes, so those are what goes back to them, never Java's text
 * of them: a payload that is not UTF-8 would come back altered and match nothing.
 */
public final class Delivery {
  private final String queue;
  private final byte[] stored;
  private final int redeliveries;

  Delivery(String queue, byte[] stored, int redeliveries) {
    this.queue = queue;
    this.stored = stored;
    this.redeliveries = redeliveries;
  }

  /** A job never returned by the reaper, whose payload is this text. */
  public Delivery(String queue, String payload) {
    this(queue, payload.getBytes(StandardCharsets.UTF_8), 0);
  }

  public String queue() {
    return queue;
  }

  public int redeliveries() {
    return redeliveries;
  }

  /** The payload as text to read or show, a byte that is not UTF-8 written as \xHH. */
  public String payload() {
    return TaskPayloads.shown(stored);
  }

  /** The task it carries; {@link BadPayload} says why it carries none. */
  public TaskEnvelope task() {
    return TaskPayloads.decode(stored);
  }

  /** The payload byte for byte as Redis holds it: never changed, so not copied. */
  byte[] stored() {
    return stored;
  }
}
