package dev.reconciler.core.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link WorkbookStore} does, whatever database holds the workbooks: chunked, read back
 * whole and checked. Each implementation's test extends this and says how to make a store on an
 * empty database and how to reach that database.
 */
abstract class WorkbookStoreContract {
  private static final Instant AT = Instant.parse("2026-11-25T06:01:00Z");

  @TempDir Path dir;
  private WorkbookStore store;

  /** A store on a database of its own that holds no workbook tables yet. */
  abstract WorkbookStore emptyStore() throws Exception;

  /** A connection to that store's database. */
  abstract Connection connect() throws Exception;

  @BeforeEach
  void emptyDatabase() throws Exception {
    store = emptyStore();
  }

  /** Random bytes over two chunks and a bit: the seams between chunks are where bytes get lost. */
  private Path workbook(String name, long seed) throws Exception {
    byte[] bytes = new byte[2 * JdbcWorkbookStore.CHUNK_BYTES + 12_345];
    new Random(seed).nextBytes(bytes);
    return Files.write(dir.resolve(name), bytes);
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  private long count(String sql) throws Exception {
    try (Connection c = connect();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      return rs.next() ? rs.getLong(1) : -1;
    }
  }

  @Test
  void aStoredWorkbookReadsBackByteForByte() throws Exception {
    Path file = workbook("reconciliation_2026-11-24.xlsx", 1);
    byte[] original = Files.readAllBytes(file);

    StoredWorkbook stored = store.put("run-1", file, AT);
    Files.delete(file); // the host that wrote it is not the one that reads it
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StoredWorkbook read = store.copyTo("run-1", out);

    assertThat(sha256(out.toByteArray())).isEqualTo(sha256(original)).isEqualTo(stored.sha256());
    assertThat(read)
        .isEqualTo(stored)
        .isEqualTo(
            new StoredWorkbook(
                "run-1",
                "reconciliation_2026-11-24.xlsx",
                (long) original.length,
                sha256(original),
                AT,
                null));
    assertThat(count("SELECT count(*) FROM run_workbook_chunks WHERE run_id = 'run-1'"))
        .isEqualTo(3);
  }

  @Test
  void storingTheSameRunAgainKeepsOneCopyAndItsFirstTime() throws Exception {
    Path file = workbook("r.xlsx", 2);
    store.put("run-1", file, AT);
    StoredWorkbook again = store.put("run-1", file, AT.plusSeconds(3600));

    assertThat(again.createdAt()).isEqualTo(AT);
    assertThat(count("SELECT count(*) FROM run_workbooks")).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM run_workbook_chunks")).isEqualTo(3);
  }

  @Test
  void aRerunWithOtherBytesReplacesTheStoredCopy() throws Exception {
    store.put("run-1", workbook("r.xlsx", 3), AT);
    Path newer = workbook("r2.xlsx", 4);
    store.put("run-1", newer, AT.plusSeconds(60));

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    store.copyTo("run-1", out);
    assertThat(out.toByteArray()).isEqualTo(Files.readAllBytes(newer));
    assertThat(count("SELECT count(*) FROM run_workbook_chunks")).isEqualTo(3);
  }

  @Test
  void aPrunedWorkbookLosesItsBytesButStaysKnownAsPruned() throws Exception {
    store.put("run-1", workbook("r.xlsx", 5), AT);
    store.markPruned("run-1", "ignored.xlsx", AT.plusSeconds(86_400));

    StoredWorkbook pruned = store.find("run-1");
    assertThat(pruned.pruned()).isTrue();
    assertThat(pruned.fileName()).isEqualTo("r.xlsx");
    assertThat(count("SELECT count(*) FROM run_workbook_chunks")).isZero();
    assertThatThrownBy(() -> store.copyTo("run-1", new ByteArrayOutputStream()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no workbook of run run-1");
  }

  @Test
  void damagedBytesAreRefusedNotServed() throws Exception {
    store.put("run-1", workbook("r.xlsx", 6), AT);
    try (Connection c = connect();
        PreparedStatement st =
            c.prepareStatement("UPDATE run_workbook_chunks SET bytes = ? WHERE seq = 1")) {
      st.setBytes(1, new byte[] {0});
      st.executeUpdate();
    }
    assertThatThrownBy(() -> store.copyTo("run-1", new ByteArrayOutputStream()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is damaged");
  }

  @Test
  void aDatabaseWithoutTheTablesHasNoWorkbooks() {
    assertThat(store.find("run-1")).isNull();
    assertThat(store.all()).isEmpty();
    assertThatThrownBy(() -> store.copyTo("run-1", new ByteArrayOutputStream()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no workbook of run run-1");
  }

  @Test
  void everyStoredAndPrunedWorkbookIsListed() throws Exception {
    StoredWorkbook kept = store.put("run-1", workbook("a.xlsx", 7), AT);
    store.markPruned("run-2", "b.xlsx", AT);

    assertThat(store.all())
        .containsOnlyKeys("run-1", "run-2")
        .containsEntry("run-1", kept)
        .containsEntry("run-2", new StoredWorkbook("run-2", "b.xlsx", null, null, AT, AT));
  }
}
