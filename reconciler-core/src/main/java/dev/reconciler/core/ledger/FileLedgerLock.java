package dev.reconciler.core.ledger;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lock of a ledger kept in SQLite: an OS file lock keeps out other processes on this host (and
 * is released by the OS when a holder is killed), and a semaphore per lock file keeps out other
 * threads of this process, which the file lock cannot tell apart. Not reentrant.
 */
final class FileLedgerLock implements LedgerLock {
  private static final Logger log = LoggerFactory.getLogger(FileLedgerLock.class);
  private static final ConcurrentHashMap<Path, Semaphore> IN_PROCESS = new ConcurrentHashMap<>();

  private final Semaphore local;
  private final FileChannel channel;
  private final FileLock lock;

  private FileLedgerLock(Semaphore local, FileChannel channel, FileLock lock) {
    this.local = local;
    this.channel = channel;
    this.lock = lock;
  }

  /** Blocks until this thread holds the ledger guarded by {@code file}. */
  static FileLedgerLock acquire(Path file) {
    Semaphore local = IN_PROCESS.computeIfAbsent(file, f -> new Semaphore(1));
    if (!local.tryAcquire()) {
      log.info("Waiting for another run of this process to finish with the ledger ({})", file);
      local.acquireUninterruptibly();
    }
    FileChannel channel = null;
    try {
      channel = FileChannel.open(file, CREATE, WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        log.info("Waiting for another process to finish with the ledger ({})", file);
        lock = channel.lock();
      }
      return new FileLedgerLock(local, channel, lock);
    } catch (IOException | RuntimeException e) {
      closeQuietly(channel);
      local.release();
      if (e instanceof IOException io) {
        throw new UncheckedIOException("locking the ledger with " + file, io);
      }
      throw (RuntimeException) e;
    }
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      if (channel != null) {
        channel.close();
      }
    } catch (IOException ignored) {
      // Closing is all that is left to do; the lock goes with the channel.
    }
  }

  /** An OS file lock goes only with its channel or its process, so a live holder keeps it. */
  @Override
  public void confirmHeld() {
    if (!lock.isValid()) {
      throw new IllegalStateException("the ledger's lock " + lock + " was released under its run");
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException e) {
      // The channel's close below releases it as well.
    } finally {
      closeQuietly(channel);
      local.release();
    }
  }
}
