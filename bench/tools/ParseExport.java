// Times an export's parsing alone (no database): java -cp "$testcp" bench/tools/ParseExport.java
// FORMAT FILE [RUNS], one line per run, with the rows read and rejected. To compare two builds'
// parsers, run it with each build's reconciler-core jar first on the classpath, alternating.
import dev.reconciler.core.config.SettingsLoader;
import dev.reconciler.core.imports.ExportParser;
import dev.reconciler.core.imports.ExportParsers;
import dev.reconciler.core.imports.ImportFormat;
import dev.reconciler.core.imports.ProcessorRow;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

public class ParseExport { public static void main(String[] a) throws Exception {
  ImportFormat format = ImportFormat.byId(a[0]);
  Path file = Path.of(a[1]);
  int runs = a.length > 2 ? Integer.parseInt(a[2]) : 4;
  // The RECONCILER_* environment applies, as for bin/reconciler (a zone for the file, say).
  var settings = SettingsLoader.load(null, System.getenv());
  for (int run = 1; run <= runs; run++) {
    long[] counts = new long[2];
    long start = System.nanoTime();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      ExportParsers.forFormat(format, settings).parse(in, file.getFileName().toString(),
          new ExportParser.RowSink() {
            public void row(ProcessorRow row) { counts[0]++; }
            public void reject(long line, String reason) { counts[1]++; }
          });
    }
    System.out.printf("run %d: %.3f s, %d rows, %d rejected%n",
        run, (System.nanoTime() - start) / 1e9, counts[0], counts[1]);
  }
}}
