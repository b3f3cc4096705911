package dev.reconciler.core.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The versions of the Flyway scripts on the classpath, for the fast paths' tests. */
public final class ScriptVersions {
  private static final Pattern VERSION = Pattern.compile("V([0-9]+)__.*\\.sql");

  private ScriptVersions() {}

  /** The newest script's version in the classpath directory {@code resource} ("/db/…"). */
  public static int newest(String resource) throws Exception {
    Path scripts =
        Path.of(
            Objects.requireNonNull(ScriptVersions.class.getResource(resource), "no scripts")
                .toURI());
    try (Stream<Path> files = Files.list(scripts)) {
      return files
          .map(p -> VERSION.matcher(p.getFileName().toString()))
          .filter(Matcher::matches)
          .mapToInt(m -> Integer.parseInt(m.group(1)))
          .max()
          .orElseThrow();
    }
  }
}
