package dev.reconciler.core.report;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.Deflater;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.streaming.SheetDataWriter;

/**
 * A streaming workbook that keeps a window of rows in memory, writes them with {@link
 * FastSheetDataWriter}, and zips with the fastest deflate level: on an 80,000-row report the
 * default level took about half the write time, for a file only about a fifth smaller.
 */
final class StreamingWorkbook extends SXSSFWorkbook {
  /** Rows kept in memory per sheet; older rows are flushed to an uncompressed temp file. */
  private static final int ROW_WINDOW = 100;

  StreamingWorkbook() {
    super(ROW_WINDOW);
    setCompressTempFiles(false);
  }

  /** Every sheet prints landscape, one page wide, so an accountant's printout has all columns. */
  @Override
  public SXSSFSheet createSheet(String name) {
    SXSSFSheet sheet = super.createSheet(name);
    sheet.setFitToPage(true);
    PrintSetup print = sheet.getPrintSetup();
    print.setLandscape(true);
    print.setFitWidth((short) 1);
    print.setFitHeight((short) 0);
    return sheet;
  }

  @Override
  protected SheetDataWriter createSheetDataWriter() throws IOException {
    return new FastSheetDataWriter();
  }

  @Override
  protected ZipArchiveOutputStream createArchiveOutputStream(OutputStream out) {
    ZipArchiveOutputStream zip = super.createArchiveOutputStream(out);
    zip.setLevel(Deflater.BEST_SPEED);
    return zip;
  }
}
