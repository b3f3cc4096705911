package dev.reconciler.bench;

import dev.reconciler.cli.Main;
import java.util.Arrays;

/**
 * For bench/pg.sh: a reconcile run again and again in one process, as a worker runs its tasks (its
 * pools, caches and compiled code kept between runs, unlike a command's process); prints the median
 * wall time per run after WARM untimed runs. Usage: RepeatedRuns WARM RUNS reconcile-arguments...
 */
public final class RepeatedRuns {
  private RepeatedRuns() {}

  public static void main(String[] args) {
    int warm = Integer.parseInt(args[0]);
    int runs = Integer.parseInt(args[1]);
    String[] command = Arrays.copyOfRange(args, 2, args.length);
    for (int i = 0; i < warm; i++) {
      run(command);
    }
    double[] ms = new double[runs];
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      run(command);
      ms[i] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(ms);
    System.out.printf(
        "in one process: median %.1f ms per run (min %.1f, max %.1f; %d runs after %d)%n",
        ms[runs / 2], ms[0], ms[runs - 1], runs, warm);
    System.exit(0);
  }

  private static void run(String[] command) {
    int exit = Main.run(command);
    if (exit != 0) {
      throw new IllegalStateException("exit " + exit + " from " + String.join(" ", command));
    }
  }
}
