package dev.reconciler.bench;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.store.Postgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;

/**
 * For bench/pg.sh: what a session costs the product, a login of its own ({@link Postgres#session})
 * against a borrow from the pool ({@link Postgres#connect}), each with one statement; prints the
 * median per operation of ROUNDS rounds of N. Usage: PgSessions URL USER PASSWORD N ROUNDS.
 */
public final class PgSessions {
  private PgSessions() {}

  @FunctionalInterface
  private interface Open {
    Connection open();
  }

  public static void main(String[] args) throws SQLException {
    Settings.Database database =
        new Settings.Database("sales", "processor_transactions", 10_000, args[0], args[1], args[2]);
    int n = Integer.parseInt(args[3]);
    int rounds = Integer.parseInt(args[4]);
    report("login of its own", time(() -> Postgres.session(database), n, rounds));
    report("borrow from the pool", time(() -> Postgres.connect(database), n, rounds));
  }

  private static double[] time(Open open, int n, int rounds) throws SQLException {
    once(open); // the pool's first session, the driver's classes
    double[] msPerOp = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      long start = System.nanoTime();
      for (int i = 0; i < n; i++) {
        once(open);
      }
      msPerOp[r] = (System.nanoTime() - start) / 1e6 / n;
    }
    Arrays.sort(msPerOp);
    return msPerOp;
  }

  private static void once(Open open) throws SQLException {
    try (Connection c = open.open();
        Statement st = c.createStatement()) {
      st.execute("SELECT 1");
    }
  }

  private static void report(String what, double[] sorted) {
    System.out.printf(
        "%-22s median %.3f ms per session (min %.3f, max %.3f; %d rounds)%n",
        what, sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1], sorted.length);
  }
}
