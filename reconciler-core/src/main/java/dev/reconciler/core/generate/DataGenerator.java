package dev.reconciler.core.generate;

import dev.reconciler.core.domain.Progress;
import dev.reconciler.core.domain.Source;
import dev.reconciler.core.store.InputWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.BitSet;

/**
 * Generates a reproducible input database for one business day, and the ground truth of what
 * reconciling it must find.
 */
public final class DataGenerator {
  /** Progress is reported in steps this large; per row would cost more than it shows. */
  private static final int PROGRESS_STEP = 10_000;

  private final Progress progress;

  public DataGenerator(Progress progress) {
    this.progress = progress;
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
    Timestamps clock = new Timestamps(spec.businessDate(), spec.zone());
    Ids ids = new Ids(spec.businessDate());
    Planner planner = new Planner(spec, clock.dayMillis());
    TruthCollector truth =
        new TruthCollector(ids, spec.export() == null ? null : spec.export().format());
    InsertionOrder order = plan(spec, planner, truth);
    boolean toFile = spec.export() != null;
    try (InputWriter out = InputWriter.create(db)) {
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

  /** Draws every plan once, in id order, to learn the rows and the truth. */
  private InsertionOrder plan(GenerationSpec spec, Planner planner, TruthCollector truth) {
    progress.start("Planning transactions", spec.transactions());
    InsertionOrder order = new InsertionOrder();
    for (int i = 0; i < spec.transactions(); i++) {
      Plan p = planner.plan(i);
      truth.add(p);
      order.add(p);
      tick(i);
    }
    finish(spec.transactions());
    return order;
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
