package dev.reconciler.core.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.io.output.CloseShieldOutputStream;
import org.apache.poi.openxml4j.util.ZipEntrySource;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.streaming.SheetDataWriter;
import org.apache.poi.xssf.usermodel.XSSFChartSheet;
import org.apache.poi.xssf.usermodel.XSSFSheet;

/**
 * A streaming workbook that keeps a window of rows in memory, writes them with {@link
 * FastSheetDataWriter}, and zips with the fastest deflate level: on an 80,000-row report the
 * default level took about half the write time, for a file only about a fifth smaller.
 */
final class StreamingWorkbook extends SXSSFWorkbook {
  /** Rows kept in memory per sheet; older rows are flushed to an uncompressed temp file. */
  private static final int ROW_WINDOW = 100;

  /** Every workbook, the warm-up's included, comes here first: no temp file before the check. */
  StreamingWorkbook() {
    super(ROW_WINDOW);
    PrivateTempFiles.install();
    setCompressTempFiles(false);
  }

  /** Every sheet prints landscape, one page wide, so an accountant's printout has all columns. */
  /** The writer of each sheet, for the rows its table writes directly ({@link #writerOf}). */
  private final Map<Sheet, FastSheetDataWriter> writers = new HashMap<>();

  /** The writer the sheet being created got (SXSSF makes one per sheet, in createSheet). */
  private FastSheetDataWriter created;

  @Override
  public SXSSFSheet createSheet(String name) {
    SXSSFSheet sheet = super.createSheet(name);
    writers.put(sheet, created);
    sheet.setFitToPage(true);
    PrintSetup print = sheet.getPrintSetup();
    print.setLandscape(true);
    print.setFitWidth((short) 1);
    print.setFitHeight((short) 0);
    return sheet;
  }

  @Override
  protected SheetDataWriter createSheetDataWriter() throws IOException {
    created = new FastSheetDataWriter();
    return created;
  }

  /**
   * The writer of a sheet of this workbook, whose rows so far have been flushed, to write the rest
   * of its rows directly ({@link FastSheetDataWriter#beginPlainRow}). Sheets are created on one
   * thread before any is filled, so the map is only read while they are.
   */
  FastSheetDataWriter writerOf(Sheet sheet) throws IOException {
    ((SXSSFSheet) sheet).flushRows();
    return writers.get(sheet);
  }

  /** Writers of the rows of a sheet filled on a second thread, in sheet order after its own. */
  private final Map<Sheet, List<FastSheetDataWriter>> continuations = new HashMap<>();

  /**
   * A writer of its own for rows of {@code sheet} that come after those of {@link #writerOf}, so
   * that another thread can write them at the same time; its XML follows the sheet's own in the
   * worksheet part. Made on the thread that creates the sheets.
   */
  FastSheetDataWriter continuationOf(Sheet sheet) throws IOException {
    FastSheetDataWriter writer = new FastSheetDataWriter();
    continuations.computeIfAbsent(sheet, k -> new ArrayList<>()).add(writer);
    return writer;
  }

  /** Also deletes the continuations' temp files, which no sheet of SXSSF's knows of. */
  @Override
  public void close() throws IOException {
    try {
      super.close();
    } finally {
      for (List<FastSheetDataWriter> sheetContinuations : continuations.values()) {
        for (FastSheetDataWriter writer : sheetContinuations) {
          writer.close();
          writer.deleteTempFile();
        }
      }
    }
  }

  @Override
  protected ZipArchiveOutputStream createArchiveOutputStream(OutputStream out) {
    ZipArchiveOutputStream zip = super.createArchiveOutputStream(out);
    zip.setLevel(Deflater.BEST_SPEED);
    return zip;
  }

  /**
   * Writes the package as POI does, each worksheet being its template with the flushed rows in
   * place of its empty sheetData, except that the worksheets' rows were compressed as they were
   * written, by the threads that filled the sheets, and are stored as they are ({@link
   * DeflatedPart}): compressing ~30 MB of sheet XML on one thread was a quarter of the report's
   * time, and even on two it was a pass of its own over rows written out uncompressed first. A
   * template of any other shape is left to POI, which reads those rows uncompressed.
   */
  @Override
  protected void injectData(ZipEntrySource source, OutputStream out) throws IOException {
    List<? extends ZipArchiveEntry> entries = Collections.list(source.getEntries());
    Map<String, DeflatedPart> sheets = new LinkedHashMap<>();
    for (ZipArchiveEntry entry : entries) {
      XSSFSheet template = getSheetFromZipEntryName(entry.getName());
      if (template != null && !(template instanceof XSSFChartSheet)) {
        SXSSFSheet sheet = getSheet(template.getSheetName());
        List<FastSheetDataWriter> rows = new ArrayList<>();
        rows.add(writers.get(sheet));
        rows.addAll(continuations.getOrDefault(sheet, List.of()));
        DeflatedPart part = DeflatedPart.sheet(entry, read(source, entry), sheet, rows);
        if (part == null) {
          super.injectData(source, out);
          return;
        }
        sheets.put(entry.getName(), part);
      }
    }
    try (ZipArchiveOutputStream zip =
        new ZipArchiveOutputStream(CloseShieldOutputStream.wrap(out))) {
      for (ZipArchiveEntry entry : entries) {
        DeflatedPart sheet = sheets.get(entry.getName());
        // The small parts are compressed here, so that every entry, like the worksheets, has its
        // sizes in its header and no data descriptor after its data.
        DeflatedPart part = sheet != null ? sheet : DeflatedPart.of(entry, read(source, entry));
        try (InputStream raw = part.open()) {
          zip.addRawArchiveEntry(part.entry(), raw);
        }
      }
      zip.finish();
    }
  }

  private static byte[] read(ZipEntrySource source, ZipArchiveEntry entry) throws IOException {
    try (InputStream in = source.getInputStream(entry)) {
      return in.readAllBytes();
    }
  }

  /** A new entry of the same name and time, for the output. */
  static ZipArchiveEntry copyOf(ZipArchiveEntry entry) {
    ZipArchiveEntry copy = new ZipArchiveEntry(entry.getName());
    if (entry.getTime() >= 0) {
      copy.setTime(entry.getTime());
    }
    return copy;
  }
}
