package dev.reconciler.core.generate;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.domain.Progress;
import dev.reconciler.core.domain.Source;
import dev.reconciler.core.store.InputRowWriter;
import dev.reconciler.core.store.InputWriter;
import dev.reconciler.core.store.PgInputWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.Consumer;

/**
 * Generates a reproducible input database for one business day, or several consecutive ones, and
 * the ground truth of what reconciling it must find.
 */
public final class DataGenerator {
  /** Progress is reported in steps this large; per row would cost more than it shows. */
  private static final int PROGRESS_STEP = 10_000;

  private final Progress progress;
  private final InputRowWriter.Opener tables;

  public DataGenerator(Progress progress) {
    this(progress, InputWriter::create);
  }

  /**
   * A generator writing where [database] says: PostgreSQL for a PostgreSQL url (the SQLite path
   * given is then unused), else the SQLite file.
   */
  public static DataGenerator writingTo(Settings.Database database, Progress progress) {
    return database.postgres()
        ? new DataGenerator(progress, file -> PgInputWriter.create(database))
        : new DataGenerator(progress);
  }

  /** A generator writing the input tables where {@code tables} opens them (PostgreSQL, say). */
  public DataGenerator(Progress progress, InputRowWriter.Opener tables) {
    this.progress = progress;
    this.tables = tables;
  }

  /**
   * (Re)creates the SQLite file at db (deletes an existing file first), writes both tables, writes
   * ground truth JSON to truthFile. Returns the ground truth.
   */
  public GroundTruth generate(GenerationSpec spec, Path db, Path truthFile) throws IOException {
    if (spec.export() != null) {
      throw new IllegalArgumentException("an export spec needs the export file's path");
    }
    return generate(spec, db, null, truthFile);
  }

  /**
   * As {@link #generate(GenerationSpec, Path, Path)}; with {@code spec.export()} the processor side
   * goes to exportFile (replaced) in that format, and processor_transactions is left empty for the
   * import to fill.
   */
  public GroundTruth generate(GenerationSpec spec, Path db, Path exportFile, Path truthFile)
      throws IOException {
    if (!spec.days().single()) {
      throw new IllegalArgumentException(
          "a single day's truth cannot describe " + spec.days() + ": use generateDays");
    }
    Timestamps clock = new Timestamps(spec.businessDate(), spec.zone());
    Ids ids = new Ids(spec.businessDate());
    Planner planner = new Planner(spec);
    TruthCollector truth =
        new TruthCollector(ids, spec.export() == null ? null : spec.export().format());
    InsertionOrder order = new InsertionOrder();
    plan(
        "Planning transactions",
        spec.transactions(),
        planner,
        p -> {
          truth.add(p);
          order.add(p);
        });
    boolean toFile = spec.export() != null;
    try (InputRowWriter out = tables.open(db)) {
      WriteRows rows = new WriteRows(out, ids, clock, spec.export());
      for (Source side : toFile ? new Source[] {Source.SALES} : Source.values()) {
        write(side, order.shuffled(side, spec.seed()), planner, rows, truth);
      }
      out.commit();
    }
    GroundTruth result =
        toFile
            ? truth.build(
                spec,
                order.rows(Source.SALES),
                exportFile.getFileName().toString(),
                export(spec, exportFile, order, planner, ids, clock))
            : truth.build(spec, order.rows(Source.SALES), order.rows(Source.PROCESSOR));
    result.write(truthFile);
    return result;
  }

  private ExportFile.Written export(
      GenerationSpec spec,
      Path file,
      InsertionOrder order,
      Planner planner,
      Ids ids,
      Timestamps clock)
      throws IOException {
    int[] slots = order.shuffled(Source.PROCESSOR, spec.seed());
    int total = slots.length * ExportFile.passes(spec.export());
    progress.start("Writing " + spec.export().format().id() + " export rows", total);
    int[] done = {0};
    ExportFile.Written written =
        new ExportFile(spec, planner, ids, clock).write(file, slots, () -> tick(done[0]++));
    finish(total);
    return written;
  }

  /**
   * (Re)creates the SQLite file at db with {@code spec.days().count()} consecutive business days
   * from the spec's date, {@code spec.transactions()} transactions each, some of whose rows land on
   * later days; writes to truthFile, and returns, what running them in date order from an empty
   * ledger with the spec's settlement window must find on each day.
   */
  public MultiDayTruth generateDays(GenerationSpec spec, Path db, Path truthFile)
      throws IOException {
    if (spec.export() != null) {
      throw new IllegalArgumentException("several days are written into the database only");
    }
    LedgerTruth ledger = new LedgerTruth(spec);
    List<GeneratedDay> days = new ArrayList<>();
    List<LedgerTruth.DayLists> lists = new ArrayList<>();
    for (int d = 0; d < spec.days().count(); d++) {
      GeneratedDay day = new GeneratedDay(spec, d, ledger);
      plan("Planning " + day.date, spec.transactions(), day.planner, day::add);
      days.add(day);
      lists.add(ledger.run(d, day.date, day.truth));
    }
    try (InputRowWriter out = tables.open(db)) {
      for (GeneratedDay day : days) {
        writeDay(day, days, out);
      }
      out.commit();
    }
    List<MultiDayTruth.Day> truths = new ArrayList<>();
    for (GeneratedDay day : days) {
      truths.add(lists.get(day.day).with(day.build()));
    }
    MultiDayTruth result =
        new MultiDayTruth(
            spec.businessDate(),
            spec.days().windowDays(),
            spec.seed(),
            spec.zone().getId(),
            spec.transactions(),
            truths);
    result.write(truthFile);
    return result;
  }

  /** The rows landing on one date: its own transactions' first, then late ones of earlier days. */
  private void writeDay(GeneratedDay day, List<GeneratedDay> days, InputRowWriter out)
      throws IOException {
    for (Source side : Source.values()) {
      for (int lag = 0; lag <= Math.min(day.day, GenerationSpec.Days.MAX_LAG); lag++) {
        GeneratedDay origin = days.get(day.day - lag);
        int[] slots = origin.shuffled(side, lag);
        // Ids are the transaction's day's, timestamps the day the row lands on.
        WriteRows rows = new WriteRows(out, origin.ids, day.clock, null);
        write(side, slots, origin.planner, rows, day.truth);
        day.landed(side, slots.length);
      }
    }
  }

  /** Draws every plan once, in id order, to learn the rows and the truth. */
  private void plan(String label, int transactions, Planner planner, Consumer<Plan> sink) {
    progress.start(label, transactions);
    for (int i = 0; i < transactions; i++) {
      sink.accept(planner.plan(i));
      tick(i);
    }
    finish(transactions);
  }

  /** Plans are drawn again rather than kept: at 1M transactions that saves ~100 MB of heap. */
  private void write(
      Source side, int[] slots, Planner planner, WriteRows rows, TruthCollector truth)
      throws IOException {
    progress.start("Writing " + TruthCollector.name(side) + " rows", slots.length);
    BitSet written = new BitSet();
    for (int i = 0; i < slots.length; i++) {
      int index = InsertionOrder.index(slots[i]);
      Plan p = planner.plan(index);
      if (InsertionOrder.isRejected(slots[i])) {
        truth.rejected(side, rows.rejected(p), p.reject.defect());
      } else {
        rows.row(side, p, written.get(index));
        written.set(index);
      }
      tick(i);
    }
    finish(slots.length);
  }

  private void finish(int total) {
    progress.advance(total % PROGRESS_STEP);
    progress.finish();
  }

  private void tick(int i) {
    if ((i + 1) % PROGRESS_STEP == 0) {
      progress.advance(PROGRESS_STEP);
    }
  }
}
