package dev.reconciler.core.ledger;

import dev.reconciler.core.domain.SafeText;
import dev.reconciler.core.domain.Source;
import dev.reconciler.core.domain.Status;
import dev.reconciler.core.domain.Txn;
import dev.reconciler.core.domain.UserError;
import dev.reconciler.core.store.StoreException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The ledger in three tables, as SQLite and PostgreSQL both keep it: one row per item with the
 * dates that opened, reported missing and cleared it; one row per date run; one per resolution.
 * Dates are ISO text, which sorts as dates do (in PostgreSQL under the "C" collation), so "as it
 * stood after date X" is a filter on those dates, and putting the ledger back before a date is
 * clearing what that date and later ones wrote. Several inputs may share one database: every row
 * names its input ({@code input_db}). A subclass says how to connect, lock, read the open items in
 * bulk and insert many items at once; the rest is the same SQL on both.
 */
abstract class JdbcLedgerStore implements LedgerStore {
  static final String ITEMS = "reconciler_ledger_items";
  static final String RUNS = "reconciler_ledger_runs";
  static final String RESOLUTIONS = "reconciler_ledger_resolutions";

  /**
   * The unpaid sales days left without a processor row, in the items' columns: never open, but a
   * processor row of a later day with the same id pairs with one (V5 / V4 migrations).
   */
  static final String UNPAID = "reconciler_ledger_unpaid";

  /** How far back each input's history was pruned ({@link #prune}; V6 / V5 migrations). */
  static final String PRUNED = "reconciler_ledger_pruned";

  /**
   * What {@link #prune} deletes, each statement bound to the input and the date before which it
   * prunes, and each through an index of its own: items cleared before it, unpaid sales paired
   * before it, and unpaid sales kept before it that nothing has paired.
   */
  static final List<String> PRUNE =
      List.of(
          "DELETE FROM " + ITEMS + " WHERE input_db = ? AND cleared_on < ?",
          "DELETE FROM " + UNPAID + " WHERE input_db = ? AND cleared_on < ?",
          "DELETE FROM " + UNPAID + " WHERE input_db = ? AND opened_on < ? AND cleared_on IS NULL");

  /**
   * What a run of a date takes back first, of what that date and later ones wrote (each statement
   * bound to the input and the date): the items they opened, their cleared and missing marks, the
   * unpaid sales they kept and paired, the resolutions they showed. Each finds its rows through an
   * index of its own (the V4 and V5 / V3 and V4 migrations), not by reading the ledger's whole
   * history.
   */
  static final List<String> TAKE_BACK =
      List.of(
          "DELETE FROM " + ITEMS + " WHERE input_db = ? AND opened_on >= ?",
          "UPDATE " + ITEMS + " SET cleared_on = NULL WHERE input_db = ? AND cleared_on >= ?",
          "DELETE FROM " + UNPAID + " WHERE input_db = ? AND opened_on >= ?",
          "UPDATE " + UNPAID + " SET cleared_on = NULL WHERE input_db = ? AND cleared_on >= ?",
          "UPDATE " + ITEMS + " SET missing_since = NULL WHERE input_db = ? AND missing_since >= ?",
          "UPDATE "
              + RESOLUTIONS
              + " SET effective_on = NULL WHERE input_db = ? AND effective_on >= ?");

  /** An item's columns after input_db, in the order of {@link #values}. */
  static final String ITEM_COLUMNS =
      "source, transaction_id, opened_on, missing_since, line, amount, currency, status,"
          + " status_text, occurred_at, reference, customer_id, fee";

  /** What a run carries of each open item, in the order {@link OpenRows#add} takes it. */
  static final String OPEN_COLUMNS =
      "source, transaction_id, opened_on, missing_since, amount, currency, status";

  /** A resolution takes its item off the ledger for a run of the date given (twice). */
  private static final String IN_FORCE =
      "after_date < ? AND (unresolved_after IS NULL OR unresolved_after >= ?)";

  private static final String KEY_MATCH =
      "input_db = ? AND source = ? AND transaction_id = ? AND opened_on = ?";

  final String input;
  private final Clock clock;

  /**
   * @param input names the input whose items these are
   */
  JdbcLedgerStore(String input, Clock clock) {
    this.input = input;
    this.clock = clock;
  }

  /** A connection to read the ledger with, or null when none was ever written there. */
  abstract Connection reader() throws SQLException;

  /** A connection to write the ledger with, not yet in a transaction. */
  abstract Connection writer() throws SQLException;

  /**
   * Waits, on a run's reader, until no record of this ledger is being written: a run that lost its
   * lock may still be writing one (see {@link LedgerLock#confirmHeld}). Nothing to wait for where a
   * lock cannot be lost under a live holder.
   */
  void awaitWrites(Connection reader) throws SQLException {}

  /** Starts a write transaction that holds the ledger's write lock, with the tables in place. */
  abstract void begin(Connection c) throws SQLException;

  /** Ends the transaction {@link #begin} started. */
  abstract void end(Connection c, boolean commit) throws SQLException;

  /**
   * Adds to {@code rows} every item opened on or before {@code previous} and not cleared by then
   * ({@link #OPEN_COLUMNS}): a hundred thousand after a few bad weeks, read the fastest way each
   * database has.
   */
  abstract void readOpen(Connection c, String previous, OpenRows rows) throws SQLException;

  /**
   * Inserts into {@code table} ({@link #ITEMS} or {@link #UNPAID}) the items a run opened or the
   * unpaid sales it kept, as many as a bad day leaves ({@link #values} of each).
   */
  abstract void insertItems(Connection c, String table, List<OpenItem> items) throws SQLException;

  /** The column that numbers resolutions in the order they were made. */
  abstract String resolutionId();

  @Override
  public LedgerState before(LocalDate date) {
    LocalDate previous = date.minusDays(1);
    try (Connection c = reader()) {
      if (c != null) {
        awaitWrites(c);
        refusePruned(c, date);
      }
      Boolean stale = c == null ? null : staleness(c, previous);
      if (stale == null) {
        return new LedgerState(
            List.of(),
            List.of(),
            "no run for "
                + previous
                + " in this ledger: items open before it are not carried"
                + (c == null ? "" : movedFrom(c, previous)));
      }
      if (stale) {
        throw new StaleLedgerException(firstStale(c, previous), date);
      }
      OpenRows open = open(c, date);
      return new LedgerState(
          open.items, resolved(c, date, open.resolvedOpen), null, open.resolvedItems);
    } catch (SQLException e) {
      throw new StoreException("reading the ledger in " + this, e);
    }
  }

  /**
   * Where this input's ledger went when its database was moved or renamed (an input gone that has a
   * run of {@code previous}): what to do about it, else "".
   */
  private String movedFrom(Connection c, LocalDate previous) throws SQLException {
    List<String> gone =
        column(
                c,
                "SELECT input_db FROM "
                    + RUNS
                    + " WHERE business_date = ? AND input_db <> ? ORDER BY input_db",
                previous.toString(),
                input)
            .stream()
            .filter(this::gone)
            .toList();
    if (gone.size() != 1) {
      // None, or several moved away the same day: which one this was is the operator's to say.
      return gone.isEmpty() ? "" : "; it holds runs of " + previous + " for " + gone + ", gone";
    }
    return "; it holds a run of "
        + previous
        + " for "
        + gone.get(0)
        + ", which is gone: if this database was moved from there, 'reconciler ledger --move-from "
        + gone.get(0)
        + " --replace' takes that ledger over; then run this date again";
  }

  /**
   * Whether the input named {@code name} is no longer there (a file moved or renamed): its ledger
   * may be this input's. Only a file can tell.
   */
  boolean gone(String name) {
    return false;
  }

  /** {@link #refusePruned(LocalDate)} in the run's own transaction. */
  private void refusePruned(Connection c, LocalDate date) throws SQLException {
    LedgerStore.refusePruned(prunedBefore(c), date);
  }

  /** The date before which this input's history was pruned, if it was. */
  private Optional<LocalDate> prunedBefore(Connection c) throws SQLException {
    if (!has(c, PRUNED)) {
      return Optional.empty();
    }
    List<LocalDate> before =
        dates(c, "SELECT before_date FROM " + PRUNED + " WHERE input_db = ?", input);
    return before.stream().findFirst();
  }

  @Override
  public Optional<LocalDate> prunedBefore() {
    try (Connection c = reader()) {
      return c == null ? Optional.empty() : prunedBefore(c);
    } catch (SQLException e) {
      throw new StoreException("reading the ledger in " + this, e);
    }
  }

  @Override
  public Pruned prune(LocalDate before) {
    try (JdbcWrite write = begin("pruning the ledger before " + before)) {
      Connection c = write.connection;
      List<LocalDate> runs = runDates(c, input);
      if (runs.isEmpty()) {
        throw new UserError(
            "the ledger in "
                + this
                + " holds no run of "
                + SafeText.line(input, 300)
                + " to prune");
      }
      LocalDate latest = runs.get(runs.size() - 1);
      if (before.isAfter(latest)) {
        // Its run could not be made again: the history it reads would be gone.
        throw new UserError(
            "cannot prune before "
                + before
                + ": the latest run is of "
                + latest
                + ", and a date's own run must stay possible to make again (prune before "
                + latest
                + " or earlier)");
      }
      Optional<LocalDate> firstStale =
          dates(
                  c,
                  "SELECT min(business_date) FROM "
                      + RUNS
                      + " WHERE input_db = ? AND stale = 1 AND business_date < ?",
                  input,
                  before.toString())
              .stream()
              .findFirst();
      if (firstStale.isPresent()) {
        throw new UserError(
            "cannot prune before "
                + before
                + ": the run of "
                + firstStale.get()
                + " is stale (an earlier date was rerun) and must be run again first (reconcile"
                + " --date "
                + firstStale.get()
                + ")");
      }
      int[] deleted = new int[PRUNE.size()];
      for (int i = 0; i < deleted.length; i++) {
        deleted[i] = execute(c, PRUNE.get(i), input, before.toString());
      }
      LocalDate horizon = prunedBefore(c).filter(h -> h.isAfter(before)).orElse(before);
      try (PreparedStatement st =
          c.prepareStatement(
              "INSERT INTO "
                  + PRUNED
                  + " (input_db, before_date, pruned_at) VALUES (?, ?, ?) ON CONFLICT (input_db)"
                  + " DO UPDATE SET before_date = excluded.before_date,"
                  + " pruned_at = excluded.pruned_at")) {
        st.setString(1, input);
        st.setString(2, horizon.toString());
        st.setString(3, clock.instant().toString());
        st.executeUpdate();
      }
      write.commit();
      return new Pruned(horizon, deleted[0], deleted[1] + deleted[2]);
    } catch (SQLException e) {
      throw new StoreException("pruning the ledger before " + before + " in " + this, e);
    }
  }

  /** The earliest stale date up to {@code previous}, itself stale. */
  private LocalDate firstStale(Connection c, LocalDate previous) throws SQLException {
    try (PreparedStatement st =
        c.prepareStatement(
            "SELECT min(business_date) FROM "
                + RUNS
                + " WHERE input_db = ? AND stale = 1 AND business_date <= ?")) {
      st.setString(1, input);
      st.setString(2, previous.toString());
      try (ResultSet rs = st.executeQuery()) {
        String first = rs.next() ? rs.getString(1) : null;
        return first == null ? previous : LocalDate.parse(first);
      }
    }
  }

  /** True when the date's run is stale, false when current, null when never run. */
  private Boolean staleness(Connection c, LocalDate date) throws SQLException {
    try (PreparedStatement st =
        c.prepareStatement(
            "SELECT stale FROM " + RUNS + " WHERE input_db = ? AND business_date = ?")) {
      st.setString(1, input);
      st.setString(2, date.toString());
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() ? rs.getInt(1) != 0 : null;
      }
    }
  }

  /**
   * Items open after the run of the day before {@code date}, resolutions in force taken off, in no
   * particular order. Only what the rules need is read: each column read costs about as much as the
   * rules' work on the item. The rest of a row is read for the few items a run shows in full
   * ({@link #complete}).
   */
  private OpenRows open(Connection c, LocalDate date) throws SQLException {
    String previous = date.minusDays(1).toString();
    Set<String> resolved =
        keys(
            c,
            "SELECT source, transaction_id, opened_on FROM "
                + RESOLUTIONS
                + " WHERE input_db = ? AND "
                + IN_FORCE,
            date.toString(),
            date.toString());
    OpenRows rows = new OpenRows(previous, carriedSince(c, date.minusDays(1)), resolved);
    readOpen(c, previous, rows);
    return rows;
  }

  /**
   * The first date of the unbroken series of runs that ends at {@code previous} (which was run): a
   * date whose previous date was never run started from an empty ledger, so what was open before it
   * is carried neither by it nor by any date after it.
   */
  private String carriedSince(Connection c, LocalDate previous) throws SQLException {
    LocalDate since = previous;
    try (PreparedStatement st =
        c.prepareStatement(
            "SELECT business_date FROM "
                + RUNS
                + " WHERE input_db = ? AND business_date < ? ORDER BY business_date DESC")) {
      st.setString(1, input);
      st.setString(2, previous.toString());
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next() && rs.getString(1).equals(since.minusDays(1).toString())) {
          since = since.minusDays(1);
        }
      }
    }
    return since.toString();
  }

  /** Open items as read, resolutions in force left out. */
  static final class OpenRows {
    final List<OpenItem> items = new ArrayList<>();

    /** The keys of the items left out as resolved: open but for their resolution. */
    final Set<String> resolvedOpen = new HashSet<>();

    /** Those items themselves, which a late other half clears. */
    final List<OpenItem> resolvedItems = new ArrayList<>();

    private final String previous;
    private final String since;
    private final Set<String> resolved;
    // A few dozen dates and currencies over all items: parsed and held once each.
    private final Map<String, LocalDate> dates = new HashMap<>();
    private final Map<String, String> currencies = new HashMap<>();

    /**
     * @param since items opened before it are left out ({@link #carriedSince})
     */
    OpenRows(String previous, String since, Set<String> resolved) {
      this.previous = previous;
      this.since = since;
      this.resolved = resolved;
    }

    /** One item's {@link #OPEN_COLUMNS}. */
    void add(
        String sourceName,
        String id,
        String opened,
        String missing,
        BigDecimal amount,
        String currency,
        String status) {
      if (opened.compareTo(since) < 0) {
        return;
      }
      Source source = Source.valueOf(sourceName);
      List<OpenItem> into = items;
      if (!resolved.isEmpty()) {
        String key = key(source.name(), id, opened);
        if (resolved.contains(key)) {
          resolvedOpen.add(key);
          into = resolvedItems;
        }
      }
      // What a rerun of this date or a later one wrote is not yet the ledger's.
      LocalDate missingSince =
          missing == null || missing.compareTo(previous) > 0
              ? null
              : dates.computeIfAbsent(missing, LocalDate::parse);
      Txn row =
          new Txn(
              source,
              0,
              id,
              amount,
              currency == null ? null : currencies.computeIfAbsent(currency, k -> k),
              null,
              null,
              null,
              null,
              null);
      into.add(
          new OpenItem(
              row,
              status == null ? null : Status.valueOf(status),
              dates.computeIfAbsent(opened, LocalDate::parse),
              missingSince));
    }
  }

  /** Rows a cursor fetches at a time, where the driver streams: not every carried item at once. */
  private static final int FETCH_ROWS = 10_000;

  /**
   * Adds the items {@code where} selects, its parameters bound in order from the first: text, a
   * Long, or null.
   */
  static void selectOpen(Connection c, String where, OpenRows rows, Object... parameters)
      throws SQLException {
    try (PreparedStatement st =
        c.prepareStatement("SELECT " + OPEN_COLUMNS + " FROM " + ITEMS + " WHERE " + where)) {
      st.setFetchSize(FETCH_ROWS);
      for (int i = 0; i < parameters.length; i++) {
        if (parameters[i] instanceof Long l) {
          st.setLong(i + 1, l);
        } else {
          setText(st, i + 1, (String) parameters[i]);
        }
      }
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          rows.add(
              rs.getString(1),
              rs.getString(2),
              rs.getString(3),
              rs.getString(4),
              decimal(rs.getString(5)),
              rs.getString(6),
              rs.getString(7));
        }
      }
    }
  }

  private static String key(String source, String id, String openedOn) {
    return source + '\0' + id + '\0' + openedOn;
  }

  /** The keys (source, id, opening date) the query's first three columns name. */
  private Set<String> keys(Connection c, String sql, String... params) throws SQLException {
    Set<String> keys = new HashSet<>();
    try (PreparedStatement st = c.prepareStatement(sql)) {
      st.setString(1, input);
      for (int i = 0; i < params.length; i++) {
        st.setString(i + 2, params[i]);
      }
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          keys.add(key(rs.getString(1), rs.getString(2), rs.getString(3)));
        }
      }
    }
    return keys;
  }

  @Override
  public List<OpenItem> complete(List<OpenItem> items) {
    if (items.isEmpty()) {
      return List.of();
    }
    try (Connection c = reader()) {
      if (c == null) {
        throw left(items.get(0));
      }
      // A few thousand items a day go missing or clear: fetched a batch of keys per statement, a
      // round trip each, not one statement per item.
      Map<String, OpenItem> stored = new HashMap<>(items.size() * 2);
      for (int from = 0; from < items.size(); from += COMPLETE_BATCH) {
        List<OpenItem> batch = items.subList(from, Math.min(items.size(), from + COMPLETE_BATCH));
        try (PreparedStatement st = c.prepareStatement(completeSql(batch.size()))) {
          int p = 1;
          for (OpenItem item : batch) {
            st.setString(p++, item.source().name());
            st.setString(p++, item.transactionId());
            st.setString(p++, item.openedOn().toString());
          }
          st.setString(p, input);
          try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
              OpenItem full = item(rs);
              stored.put(key(full), full);
            }
          }
        }
      }
      List<OpenItem> out = new ArrayList<>(items.size());
      for (OpenItem item : items) {
        OpenItem full = stored.get(key(item));
        if (full == null) {
          throw left(item);
        }
        // The row in full; whether it is missing yet is as of the run, as the caller has it.
        out.add(new OpenItem(full.row(), item.status(), item.openedOn(), item.missingSince()));
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("reading open items in " + this, e);
    }
  }

  @Override
  public List<OpenItem> unpaidSales(LocalDate date, Collection<String> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    try (Connection c = reader()) {
      if (c == null || !has(c, UNPAID) || !Boolean.FALSE.equals(staleness(c, date.minusDays(1)))) {
        // As the items: none carried over a date never run (a stale one refused the run already).
        return List.of();
      }
      String since = carriedSince(c, date.minusDays(1));
      List<String> all = List.copyOf(ids);
      List<OpenItem> found = new ArrayList<>();
      for (int from = 0; from < all.size(); from += UNPAID_BATCH) {
        List<String> batch = all.subList(from, Math.min(all.size(), from + UNPAID_BATCH));
        try (PreparedStatement st = c.prepareStatement(unpaidSql(batch.size()))) {
          int p = 1;
          st.setString(p++, input);
          st.setString(p++, Source.SALES.name());
          for (String id : batch) {
            st.setString(p++, id);
          }
          st.setString(p++, since);
          st.setString(p++, date.toString());
          st.setString(p, date.toString());
          try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
              found.add(item(rs));
            }
          }
        }
      }
      return found;
    } catch (SQLException e) {
      throw new StoreException("reading unpaid sales in " + this, e);
    }
  }

  /**
   * The unpaid sales of {@code ids} ids, bound after the input and the source, then the first date
   * carried and the run's date (twice): each id looked up in the primary key. Paired on the run's
   * date or later is not yet paired: a rerun takes that mark back.
   */
  static String unpaidSql(int ids) {
    return "SELECT "
        + ITEM_COLUMNS
        + " FROM "
        + UNPAID
        + " WHERE input_db = ? AND source = ? AND transaction_id IN ("
        + String.join(", ", java.util.Collections.nCopies(ids, "?"))
        + ") AND opened_on >= ? AND opened_on < ? AND (cleared_on IS NULL OR cleared_on >= ?)";
  }

  /** Ids per statement of {@link #unpaidSales}: far below either database's limit on values. */
  private static final int UNPAID_BATCH = 500;

  /**
   * Whether {@code c}'s database has {@code table} ({@link #UNPAID}, {@link #PRUNED}): a ledger
   * written by a version before it has none until this version's first write migrates it, and kept
   * no unpaid sale, or pruned nothing.
   */
  boolean has(Connection c, String table) throws SQLException {
    return true;
  }

  /** Items per statement of {@link #complete}: three parameters each, far below either limit. */
  private static final int COMPLETE_BATCH = 256;

  /**
   * The items of this input with {@code keys} keys (source, transaction id, opened on), the keys
   * bound first and the input last: a join of the rows of a VALUES list (columns column1 to column3
   * in both databases) to the items, which looks each key up in the primary key. (A row-value IN
   * over the same list made SQLite read every item of the input instead: plan tested.)
   */
  static String completeSql(int keys) {
    return "SELECT i."
        + ITEM_COLUMNS.replace(", ", ", i.")
        + " FROM (VALUES "
        + String.join(", ", java.util.Collections.nCopies(keys, "(?, ?, ?)"))
        + ") AS k JOIN "
        + ITEMS
        + " AS i ON i.input_db = ? AND i.source = k.column1 AND i.transaction_id = k.column2"
        + " AND i.opened_on = k.column3";
  }

  /** {@link #key(String, String, String)} of an item. */
  private static String key(OpenItem item) {
    return key(item.source().name(), item.transactionId(), item.openedOn().toString());
  }

  private static IllegalStateException left(OpenItem item) {
    return new IllegalStateException(
        "open item " + item.source() + " " + item.transactionId() + " left the ledger");
  }

  /**
   * Resolutions a run of {@code date} shows: in force for it, not shown by an earlier run, and of
   * an item of {@code open} (the keys of the items the run would carry but for them). A rerun may
   * have cleared a resolved item, or not opened it: it is then on a Cleared sheet, not Resolved.
   */
  private List<Resolution> resolved(Connection c, LocalDate date, Set<String> open)
      throws SQLException {
    String sql =
        "SELECT source, transaction_id, outcome, note, resolved_by, resolved_at, opened_on,"
            + " amount, currency FROM "
            + RESOLUTIONS
            + " WHERE input_db = ? AND "
            + IN_FORCE
            + " AND (effective_on IS NULL OR effective_on >= ?) ORDER BY source, transaction_id";
    try (PreparedStatement st = c.prepareStatement(sql)) {
      st.setString(1, input);
      for (int i = 2; i <= 4; i++) {
        st.setString(i, date.toString());
      }
      List<Resolution> out = new ArrayList<>();
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          Resolution r = resolution(rs);
          if (open.contains(key(r.source().name(), r.transactionId(), r.openedOn().toString()))) {
            out.add(r);
          }
        }
      }
      return out;
    }
  }

  @Override
  public void record(String runId, LedgerOutcome outcome) {
    try (Recording recording = prepare(runId, outcome)) {
      recording.commit();
    }
  }

  @Override
  public Recording prepare(String runId, LedgerOutcome outcome) {
    String date = outcome.runDate().toString();
    JdbcWrite write = begin("recording the ledger of " + date);
    try {
      Connection c = write.connection;
      for (String takeBack : TAKE_BACK) {
        update(c, takeBack, date);
      }
      writeItems(c, outcome);
      markResolutions(c, outcome);
      try (PreparedStatement run =
          c.prepareStatement(
              "INSERT INTO "
                  + RUNS
                  + " (input_db, business_date, run_id, window_days, recorded_at, stale)"
                  + " VALUES (?, ?, ?, ?, ?, 0) ON CONFLICT (input_db, business_date) DO UPDATE"
                  + " SET run_id = excluded.run_id, window_days = excluded.window_days,"
                  + " recorded_at = excluded.recorded_at, stale = 0")) {
        run.setString(1, input);
        run.setString(2, date);
        run.setString(3, runId);
        run.setInt(4, outcome.windowDays());
        run.setString(5, clock.instant().toString());
        run.executeUpdate();
      }
      update(c, "UPDATE " + RUNS + " SET stale = 1 WHERE input_db = ? AND business_date > ?", date);
      write.waiting = whilePrepared(c);
      return write;
    } catch (SQLException | RuntimeException e) {
      try {
        write.close();
      } catch (RuntimeException again) {
        e.addSuppressed(again);
      }
      if (e instanceof SQLException sql) {
        throw new StoreException(write.what + " in " + this, sql);
      }
      throw (RuntimeException) e;
    }
  }

  /** A write transaction begun, holding the ledger's write lock, for {@code what}. */
  private JdbcWrite begin(String what) {
    Connection c = null;
    try {
      c = writer();
      begin(c);
      return new JdbcWrite(c, what);
    } catch (SQLException | RuntimeException e) {
      throw failed(c, e, what + " in " + this);
    }
  }

  /**
   * Closes {@code c} after {@code e} (a transaction left in it is rolled back), and returns what to
   * throw: {@code e}, or for an SQLException a StoreException saying {@code what} failed.
   */
  static RuntimeException failed(Connection c, Exception e, String what) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException again) {
        e.addSuppressed(again);
      }
    }
    return e instanceof SQLException sql ? new StoreException(what, sql) : (RuntimeException) e;
  }

  /**
   * What keeps a prepared record's connection from looking idle while it waits for its commit, if
   * the database needs it: what stops it, run at the commit or the rollback.
   */
  Runnable whilePrepared(Connection c) {
    return () -> {};
  }

  /** A ledger transaction: left open by {@link #prepare}, or a resolution's. */
  private final class JdbcWrite implements Recording {
    final Connection connection;
    final String what;
    private boolean committed;
    private Runnable waiting = () -> {};

    JdbcWrite(Connection connection, String what) {
      this.connection = connection;
      this.what = what;
    }

    @Override
    public void commit() {
      stopWaiting();
      try {
        synchronized (connection) {
          end(connection, true);
        }
        committed = true;
      } catch (SQLException e) {
        throw new StoreException(what + " in " + JdbcLedgerStore.this, e);
      }
    }

    @Override
    public void close() {
      stopWaiting();
      try (Connection c = connection) {
        // A connection the server ended took its transaction with it: nothing is left to undo.
        if (!committed && !c.isClosed()) {
          synchronized (c) {
            end(c, false);
          }
        }
      } catch (SQLException e) {
        throw new StoreException("undoing " + what + " in " + JdbcLedgerStore.this, e);
      }
    }

    private void stopWaiting() {
      waiting.run();
    }
  }

  private void writeItems(Connection c, LedgerOutcome outcome) throws SQLException {
    LocalDate date = outcome.runDate();
    List<OpenItem> opened = new ArrayList<>();
    List<OpenItem> missing = new ArrayList<>();
    for (OpenItem item : outcome.open()) {
      if (item.openedOn().equals(date)) {
        opened.add(item);
      } else if (date.equals(item.missingSince())) {
        missing.add(item);
      }
    }
    insertItems(c, ITEMS, opened);
    insertItems(c, UNPAID, outcome.unpaid());
    markItems(c, ITEMS, "missing_since", date.toString(), missing);
    Set<String> unpaidCleared = new HashSet<>();
    outcome.unpaidCleared().forEach(item -> unpaidCleared.add(key(item)));
    markItems(
        c,
        ITEMS,
        "cleared_on",
        date.toString(),
        outcome.cleared().stream()
            .map(ClearedItem::item)
            .filter(item -> !unpaidCleared.contains(key(item)))
            .toList());
    markItems(c, UNPAID, "cleared_on", date.toString(), outcome.unpaidCleared());
  }

  /**
   * Sets {@code column} to {@code date} on each of {@code items} in {@code table}, by one batch of
   * updates.
   */
  void markItems(Connection c, String table, String column, String date, List<OpenItem> items)
      throws SQLException {
    try (PreparedStatement st =
        c.prepareStatement("UPDATE " + table + " SET " + column + " = ? WHERE " + KEY_MATCH)) {
      for (OpenItem item : items) {
        st.setString(1, date);
        bindKey(st, 2, item);
        st.addBatch();
      }
      st.executeBatch();
    }
  }

  private void bindKey(PreparedStatement st, int from, OpenItem item) throws SQLException {
    st.setString(from, input);
    st.setString(from + 1, item.source().name());
    st.setString(from + 2, item.transactionId());
    st.setString(from + 3, item.openedOn().toString());
  }

  /**
   * An item's row as stored: input_db and then {@link #ITEM_COLUMNS}, each text or null but the
   * line, a Long.
   */
  final Object[] values(OpenItem item) {
    Txn row = item.row();
    return new Object[] {
      input,
      item.source().name(),
      item.transactionId(),
      item.openedOn().toString(),
      text(item.missingSince()),
      row.line(),
      row.amount() == null ? null : row.amount().toPlainString(),
      row.currency(),
      text(item.status()),
      row.status(),
      row.timestamp(),
      row.reference(),
      row.customerId(),
      row.fee() == null ? null : row.fee().toPlainString()
    };
  }

  private static String text(Object value) {
    return value == null ? null : value instanceof Enum<?> e ? e.name() : value.toString();
  }

  private static void setText(PreparedStatement st, int i, String value) throws SQLException {
    if (value == null) {
      st.setNull(i, Types.VARCHAR);
    } else {
      st.setString(i, value);
    }
  }

  private void markResolutions(Connection c, LedgerOutcome outcome) throws SQLException {
    String date = outcome.runDate().toString();
    try (PreparedStatement st =
        c.prepareStatement(
            "UPDATE "
                + RESOLUTIONS
                + " SET effective_on = ? WHERE "
                + KEY_MATCH
                + " AND effective_on IS NULL AND "
                + IN_FORCE)) {
      for (Resolution r : outcome.resolved()) {
        st.setString(1, date);
        st.setString(2, input);
        st.setString(3, r.source().name());
        st.setString(4, r.transactionId());
        st.setString(5, r.openedOn().toString());
        st.setString(6, date);
        st.setString(7, date);
        st.addBatch();
      }
      st.executeBatch();
    }
  }

  private void update(Connection c, String sql, String date) throws SQLException {
    execute(c, sql, input, date);
  }

  @Override
  public List<LocalDate> staleDates() {
    return dates("SELECT business_date FROM " + RUNS + " WHERE input_db = ? AND stale = 1");
  }

  @Override
  public Map<String, LocalDate> otherInputs() {
    Map<String, LocalDate> others = new java.util.TreeMap<>();
    try (Connection c = reader()) {
      if (c == null) {
        return others;
      }
      try (PreparedStatement st =
          c.prepareStatement(
              "SELECT input_db, max(business_date) FROM "
                  + RUNS
                  + " WHERE input_db <> ? GROUP BY input_db")) {
        st.setString(1, input);
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            others.put(rs.getString(1), LocalDate.parse(rs.getString(2)));
          }
        }
      }
      return others;
    } catch (SQLException e) {
      throw new StoreException("reading the ledger in " + this, e);
    }
  }

  @Override
  public Takeover takeOver(String from, boolean replace) {
    if (from.equals(input)) {
      throw new UserError(
          "the ledger of " + SafeText.line(input, 300) + " is this input's already");
    }
    try (JdbcWrite write = begin("taking over the ledger of " + from)) {
      Connection c = write.connection;
      if (runDates(c, from).isEmpty()) {
        Map<String, LocalDate> others = otherInputs();
        others.remove(from);
        throw new UserError(
            "the ledger in "
                + this
                + " holds no run of "
                + SafeText.line(from, 300)
                + (others.isEmpty()
                    ? ""
                    : " (it holds runs of "
                        + SafeText.line(others.keySet().toString(), 600)
                        + ")"));
      }
      List<LocalDate> own = runDates(c, input);
      if (!own.isEmpty() && !replace) {
        throw new UserError(
            "the ledger already holds "
                + own.size()
                + " run(s) of "
                + SafeText.line(input, 300)
                + " ("
                + own.get(0)
                + " to "
                + own.get(own.size() - 1)
                + "): add --replace to drop them and what they wrote, then run those dates again");
      }
      for (String table : List.of(ITEMS, UNPAID, RESOLUTIONS, RUNS, PRUNED)) {
        // Nothing of this input's short history is kept: it started from an empty ledger.
        execute(c, "DELETE FROM " + table + " WHERE input_db = ?", input);
      }
      String rename = " SET input_db = ? WHERE input_db = ?";
      int runs = execute(c, "UPDATE " + RUNS + rename, input, from);
      int items = execute(c, "UPDATE " + ITEMS + rename, input, from);
      execute(c, "UPDATE " + UNPAID + rename, input, from);
      // Its pruned history is gone under the new name too.
      execute(c, "UPDATE " + PRUNED + rename, input, from);
      int resolutions = execute(c, "UPDATE " + RESOLUTIONS + rename, input, from);
      write.commit();
      return new Takeover(runs, items, resolutions, own);
    } catch (SQLException e) {
      throw new StoreException("taking over the ledger of " + from + " in " + this, e);
    }
  }

  /** The dates {@code name} has a run of in this ledger, stale ones too, in order. */
  private static List<LocalDate> runDates(Connection c, String name) throws SQLException {
    return dates(
        c,
        "SELECT business_date FROM " + RUNS + " WHERE input_db = ? ORDER BY business_date",
        name);
  }

  /** The first column of the rows {@code sql} selects, {@code parameters} bound in order. */
  private static List<String> column(Connection c, String sql, String... parameters)
      throws SQLException {
    List<String> values = new ArrayList<>();
    try (PreparedStatement st = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        st.setString(i + 1, parameters[i]);
      }
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          values.add(rs.getString(1));
        }
      }
    }
    return values;
  }

  /** Runs {@code sql} with {@code parameters} bound in order; the rows it changed. */
  private static int execute(Connection c, String sql, String... parameters) throws SQLException {
    try (PreparedStatement st = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        st.setString(i + 1, parameters[i]);
      }
      return st.executeUpdate();
    }
  }

  @Override
  public Optional<LocalDate> lastRunDate() {
    List<LocalDate> dates =
        dates("SELECT max(business_date) FROM " + RUNS + " WHERE input_db = ? AND stale = 0");
    return dates.isEmpty() ? Optional.empty() : Optional.of(dates.get(0));
  }

  @Override
  public Optional<Instant> recordedAt(LocalDate date) {
    try (Connection c = reader()) {
      if (c == null) {
        return Optional.empty();
      }
      List<String> at =
          column(
              c,
              "SELECT recorded_at FROM "
                  + RUNS
                  + " WHERE input_db = ? AND business_date = ? AND stale = 0",
              input,
              date.toString());
      // A run recorded by a version before recorded_at was written has none.
      return at.isEmpty() || at.get(0) == null
          ? Optional.empty()
          : Optional.of(Instant.parse(at.get(0)));
    } catch (SQLException e) {
      throw new StoreException("reading the ledger's runs in " + this, e);
    }
  }

  private List<LocalDate> dates(String sql) {
    try (Connection c = reader()) {
      return c == null ? List.of() : dates(c, sql + " ORDER BY 1", input);
    } catch (SQLException e) {
      throw new StoreException("reading the ledger's runs in " + this, e);
    }
  }

  /**
   * The dates in the first column of what {@code sql} selects, {@code parameters} (the input's name
   * first) bound in order, NULLs left out.
   */
  private static List<LocalDate> dates(Connection c, String sql, String... parameters)
      throws SQLException {
    return column(c, sql, parameters).stream()
        .filter(Objects::nonNull)
        .map(LocalDate::parse)
        .toList();
  }

  @Override
  public List<OpenItem> openNow() {
    Optional<LocalDate> last = lastRunDate();
    if (last.isEmpty()) {
      return List.of();
    }
    try (Connection c = reader()) {
      return openNow(c, last.get());
    } catch (SQLException e) {
      throw new StoreException("reading the ledger in " + this, e);
    }
  }

  /** Items open after the run of {@code last}, less every resolution not undone, in order. */
  private List<OpenItem> openNow(Connection c, LocalDate last) throws SQLException {
    Set<String> resolved =
        keys(
            c,
            "SELECT source, transaction_id, opened_on FROM "
                + RESOLUTIONS
                + " WHERE input_db = ? AND unresolved_at IS NULL");
    List<OpenItem> open = new ArrayList<>();
    for (OpenItem item : open(c, last.plusDays(1)).items) {
      if (!resolved.contains(key(item))) {
        open.add(item);
      }
    }
    open.sort(LedgerRules.ORDER);
    return open;
  }

  @Override
  public Resolution resolve(ResolveRequest request) {
    return resolveAll(List.of(request)).get(0);
  }

  @Override
  public List<Resolution> resolveAll(List<ResolveRequest> requests) {
    return resolveAll(requests, () -> {});
  }

  @Override
  public List<Resolution> resolveAll(List<ResolveRequest> requests, Runnable beforeCommit) {
    if (requests.isEmpty()) {
      return List.of();
    }
    LocalDate last = lastRunDate().orElse(null);
    if (last == null) {
      throw new UserError("no " + what(requests.get(0)) + " is open: the ledger has no run yet");
    }
    refuseWhileStale("resolving");
    String which = requests.size() == 1 ? what(requests.get(0)) : requests.size() + " ledger items";
    // Closing without a commit (any refusal below) rolls every insert back: all or nothing.
    try (JdbcWrite write = begin("resolving " + which)) {
      // Each item by source and id, the oldest first (openNow's order): a file of N resolutions
      // looks N items up, not N times through every open item.
      Map<String, OpenItem> open = new HashMap<>();
      for (OpenItem item : openNow(write.connection, last)) {
        open.putIfAbsent(item.source() + "\u0000" + item.transactionId(), item);
      }
      List<Resolution> resolutions = new ArrayList<>(requests.size());
      Set<String> named = new HashSet<>();
      for (ResolveRequest request : requests) {
        if (!named.add(request.source() + "\u0000" + request.transactionId())) {
          throw new UserError(what(request) + " is named twice: resolve each item once");
        }
        resolutions.add(resolution(openItem(open, request, last), request));
      }
      insertResolutions(write.connection, resolutions, last);
      beforeCommit.run();
      write.commit();
      return resolutions;
    } catch (SQLException e) {
      throw new StoreException("resolving " + which + " in " + this, e);
    }
  }

  /**
   * Refuses while dates a rerun made stale wait to be run again: the ledger is then not as the
   * latest run left it, and a change made now would land on a stale date's rerun, which would no
   * longer rewrite that date as it was.
   */
  private void refuseWhileStale(String doing) {
    List<LocalDate> stale = staleDates();
    if (!stale.isEmpty()) {
      throw new UserError(
          "the ledger's run of "
              + stale.get(0)
              + " is stale (an earlier date was rerun since): wait for the stale dates to run"
              + " again, or rerun them in order (reconcile --date "
              + stale.get(0)
              + "), before "
              + doing);
    }
  }

  /**
   * Refuses to put an item back while a later row of the same side and id is open: the ledger holds
   * one open item per side and id, and a run keeps only the older of two.
   */
  private void refuseBesideOpen(
      Connection c, LocalDate last, Source source, String transactionId, String what)
      throws SQLException {
    for (OpenItem item : openNow(c, last)) {
      if (item.source() == source && item.transactionId().equals(transactionId)) {
        throw new UserError(
            what
                + " cannot be put back: an item of that id, opened on "
                + item.openedOn()
                + ", is open now (one open item per side and id: resolve that one first)");
      }
    }
  }

  private static String what(ResolveRequest request) {
    return what(request.source(), request.transactionId());
  }

  /** "sales item X": how messages name an item. */
  private static String what(Source source, String transactionId) {
    return source.id() + " item " + transactionId;
  }

  private static OpenItem openItem(
      Map<String, OpenItem> open, ResolveRequest request, LocalDate last) {
    OpenItem item = open.get(request.source() + "\u0000" + request.transactionId());
    if (item == null) {
      throw new UserError(
          "no "
              + what(request)
              + " is open after the run of "
              + last
              + " (already cleared, resolved, or never unmatched)");
    }
    return item;
  }

  private static Resolution resolution(OpenItem item, ResolveRequest request) {
    return new Resolution(
        item.source(),
        item.transactionId(),
        request.as(),
        request.note(),
        request.by(),
        request.at(),
        item.openedOn(),
        item.row().amount(),
        item.row().currency());
  }

  private void insertResolutions(Connection c, List<Resolution> resolutions, LocalDate last)
      throws SQLException {
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO "
                + RESOLUTIONS
                + " (input_db, source, transaction_id, opened_on, outcome, note, resolved_by,"
                + " resolved_at, amount, currency, after_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?,"
                + " ?, ?, ?)")) {
      for (Resolution r : resolutions) {
        insert.setString(1, input);
        insert.setString(2, r.source().name());
        insert.setString(3, r.transactionId());
        insert.setString(4, r.openedOn().toString());
        insert.setString(5, r.as().id());
        insert.setString(6, r.note());
        setText(insert, 7, r.by());
        insert.setString(8, r.at().toString());
        setText(insert, 9, r.amount() == null ? null : r.amount().toPlainString());
        setText(insert, 10, r.currency());
        insert.setString(11, last.toString());
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  @Override
  public Resolution unresolve(Source source, String transactionId) {
    return unresolve(source, transactionId, () -> {});
  }

  @Override
  public Resolution unresolve(Source source, String transactionId, Runnable beforeCommit) {
    String what = what(source, transactionId);
    LocalDate last = lastRunDate().orElse(null);
    if (last == null) {
      throw new UserError("no " + what + " is resolved: the ledger has no run yet");
    }
    refuseWhileStale("putting an item back");
    try (JdbcWrite write = begin("unresolving " + what)) {
      Connection c = write.connection;
      Resolution found = null;
      long id = -1;
      boolean shown = false;
      try (PreparedStatement q =
          c.prepareStatement(
              "SELECT "
                  + resolutionId()
                  + ", effective_on, source, transaction_id, outcome, note, resolved_by,"
                  + " resolved_at, opened_on, amount, currency FROM "
                  + RESOLUTIONS
                  + " WHERE input_db = ? AND source = ? AND transaction_id = ?"
                  + " AND unresolved_at IS NULL ORDER BY 1 DESC LIMIT 1")) {
        q.setString(1, input);
        q.setString(2, source.name());
        q.setString(3, transactionId);
        try (ResultSet rs = q.executeQuery()) {
          if (rs.next()) {
            id = rs.getLong(1);
            shown = rs.getString(2) != null;
            found = resolution(rs);
          }
        }
      }
      if (found == null) {
        throw new UserError("no " + what + " is resolved: nothing to put back on the ledger");
      }
      refuseBesideOpen(c, last, source, transactionId, what);
      if (shown) {
        try (PreparedStatement u =
            c.prepareStatement(
                "UPDATE "
                    + RESOLUTIONS
                    + " SET unresolved_at = ?, unresolved_after = ? WHERE "
                    + resolutionId()
                    + " = ?")) {
          u.setString(1, clock.instant().toString());
          u.setString(2, last.toString());
          u.setLong(3, id);
          u.executeUpdate();
        }
      } else {
        // Never shown on a report: as if it had not been made.
        try (PreparedStatement u =
            c.prepareStatement(
                "DELETE FROM " + RESOLUTIONS + " WHERE " + resolutionId() + " = ?")) {
          u.setLong(1, id);
          u.executeUpdate();
        }
      }
      beforeCommit.run();
      write.commit();
      return found;
    } catch (SQLException e) {
      throw new StoreException("unresolving " + what + " in " + this, e);
    }
  }

  private static Resolution resolution(ResultSet rs) throws SQLException {
    return new Resolution(
        Source.valueOf(rs.getString("source")),
        rs.getString("transaction_id"),
        Resolution.Outcome.byId(rs.getString("outcome")),
        rs.getString("note"),
        rs.getString("resolved_by"),
        Instant.parse(rs.getString("resolved_at")),
        LocalDate.parse(rs.getString("opened_on")),
        decimal(rs.getString("amount")),
        rs.getString("currency"));
  }

  private static OpenItem item(ResultSet rs) throws SQLException {
    Source source = Source.valueOf(rs.getString("source"));
    String status = rs.getString("status");
    Txn row =
        new Txn(
            source,
            rs.getLong("line"),
            rs.getString("transaction_id"),
            decimal(rs.getString("amount")),
            rs.getString("currency"),
            rs.getString("status_text"),
            rs.getString("occurred_at"),
            rs.getString("reference"),
            rs.getString("customer_id"),
            decimal(rs.getString("fee")));
    String missing = rs.getString("missing_since");
    return new OpenItem(
        row,
        status == null ? null : Status.valueOf(status),
        LocalDate.parse(rs.getString("opened_on")),
        missing == null ? null : LocalDate.parse(missing));
  }

  static BigDecimal decimal(String text) {
    return text == null ? null : new BigDecimal(text);
  }

  @Override
  public void close() {
    // Every method opens and closes its own connection.
  }
}
