package dev.reconciler.core.generate;

import dev.reconciler.core.domain.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * Times generation in-JVM; not a test, so no timing assertion can turn flaky. Run with the test
 * classpath: {@code java -cp ... dev.reconciler.core.generate.GenerateBenchmark 1000000 3}. The
 * first run is the one the CLI sees (cold JIT); later runs show the steady state.
 */
public final class GenerateBenchmark {
  private GenerateBenchmark() {}

  public static void main(String[] args) throws Exception {
    int transactions = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Path dir = Files.createTempDirectory("reconciler-bench");
    GenerationSpec spec = GenerationSpec.of(LocalDate.of(2026, 11, 24), transactions, 42);
    for (int run = 1; run <= runs; run++) {
      long start = System.nanoTime();
      GroundTruth truth =
          new DataGenerator(Progress.NONE)
              .generate(spec, dir.resolve("bench.db"), dir.resolve("bench.truth.json"));
      long ms = (System.nanoTime() - start) / 1_000_000;
      System.out.printf(
          "run %d: %d ms, %d sales + %d processor rows, %d findings%n",
          run, ms, truth.salesRows(), truth.processorRows(), truth.discrepancies().size());
    }
    Files.deleteIfExists(dir.resolve("bench.db"));
    Files.deleteIfExists(dir.resolve("bench.truth.json"));
    Files.deleteIfExists(dir);
  }
}
