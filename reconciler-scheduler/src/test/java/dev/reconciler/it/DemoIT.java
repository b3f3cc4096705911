package dev.reconciler.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** 'reconciler demo' in a fresh directory with built-in defaults: it runs the whole story. */
class DemoIT {
  @RegisterExtension final ChildJvms children = new ChildJvms();

  @TempDir Path dir;

  @Test
  void demoPrintsReportAndAlertPathsThatExist() throws Exception {
    ChildJvms.Child demo =
        children.start("demo", dir, dir.resolve("tmp"), Map.of(), "demo", "-n", "2000");

    assertThat(demo.process().waitFor(90, TimeUnit.SECONDS)).as("finished within 90 s").isTrue();
    assertThat(demo.process().exitValue()).isZero();
    List<String> lines = demo.stdoutText().lines().toList();
    assertThat(pathAfter(lines, "Report: ")).isRegularFile().hasExtension("xlsx");
    assertThat(pathAfter(lines, "Alert: ")).isRegularFile().hasExtension("eml");
  }

  /** The path printed on the line starting with {@code label}, relative to the demo's directory. */
  private Path pathAfter(List<String> lines, String label) {
    String line =
        lines.stream()
            .filter(l -> l.startsWith(label))
            .findFirst()
            .orElseThrow(
                () -> new AssertionError("no line starting with '" + label + "' in " + lines));
    return dir.resolve(line.substring(label.length()).strip());
  }
}
