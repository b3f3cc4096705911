package dev.reconciler.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * CPU used on the machine by processes other than this benchmark and its children (Redis, the
 * workers), in cores, over an interval: the machine is shared, and a run that competed with a build
 * says so. Linux only (/proc/stat; USER_HZ assumed 100).
 */
final class OtherLoad {
  private final long machineNs;
  private final long oursNs;
  private final long wallNs;

  private OtherLoad() {
    this.machineNs = machineBusyNs();
    this.oursNs = oursNs();
    this.wallNs = System.nanoTime();
  }

  static OtherLoad start() {
    return new OtherLoad();
  }

  /** Cores' worth of CPU the rest of the machine used since {@link #start()}. */
  double cores() {
    long machine = machineBusyNs() - machineNs;
    long ours = oursNs() - oursNs;
    return Math.max(0, machine - ours) / (double) (System.nanoTime() - wallNs);
  }

  private static long machineBusyNs() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long busy = 0;
      for (int i = 1; i < f.length; i++) {
        if (i != 4 && i != 5) { // idle, iowait
          busy += Long.parseLong(f[i]);
        }
      }
      return busy * 10_000_000L;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  private static long oursNs() {
    return Stream.concat(Stream.of(ProcessHandle.current()), ProcessHandle.current().descendants())
        .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L))
        .sum();
  }
}
