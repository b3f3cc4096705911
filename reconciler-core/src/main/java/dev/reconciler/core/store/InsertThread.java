package dev.reconciler.core.store;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Runs the inserts on a thread of their own, in submission order, so that SQLite's native work
 * overlaps with producing the next rows: on two cores that takes about a third off a large
 * generation. Only this thread touches the connection until {@link #finish} returns.
 */
final class InsertThread {
  /** Enough batches in flight to absorb jitter; bounded so a slow disk throttles the producer. */
  private static final int QUEUE_BATCHES = 64;

  private record Batch(BatchedInsert target, Object[] values, int rows) {}

  private static final Batch END = new Batch(null, null, 0);

  /** Told, on the inserting thread, of each batch inserted and the rows it changed. */
  @FunctionalInterface
  interface Inserted {
    void batch(Object[] values, int rows, int changed) throws SQLException;
  }

  private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(QUEUE_BATCHES);
  private final Thread thread = new Thread(this::run, "input-writer");
  private final Inserted inserted;
  private volatile SQLException failure;

  InsertThread() {
    this((values, rows, changed) -> {});
  }

  InsertThread(Inserted inserted) {
    this.inserted = inserted;
    thread.setDaemon(true);
    thread.start();
  }

  /** Queues a batch; waits while the queue is full. Reports an earlier failure at once. */
  void submit(BatchedInsert target, Object[] values, int rows) throws IOException, SQLException {
    rethrow();
    put(new Batch(target, values, rows));
  }

  /** Waits until every queued batch is inserted; the caller may then use the connection. */
  void finish() throws IOException, SQLException {
    if (thread.isAlive()) {
      put(END);
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while writing the input database");
      }
    }
    rethrow();
  }

  private void put(Batch batch) throws InterruptedIOException {
    try {
      queue.put(batch);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while writing the input database");
    }
  }

  private void rethrow() throws SQLException {
    if (failure != null) {
      throw failure;
    }
  }

  /** After a failure it keeps taking (and dropping) batches so the producer never blocks. */
  private void run() {
    try {
      for (Batch batch = queue.take(); batch != END; batch = queue.take()) {
        if (failure == null) {
          insert(batch);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void insert(Batch batch) {
    try {
      int changed = batch.target().insert(batch.values(), batch.rows());
      inserted.batch(batch.values(), batch.rows(), changed);
    } catch (SQLException e) {
      failure = e;
    }
  }
}
