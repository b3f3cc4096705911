package dev.reconciler.core.task;

import dev.reconciler.core.config.Settings;
import dev.reconciler.core.domain.RootedPaths;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The paths a queued task may name. A payload comes from Redis, which every host shares, so it may
 * not choose any file: its database must be [paths] database or lie under [paths] data_dir or an
 * [paths] allowed_roots directory; its report directory must be [paths] report_dir or lie under one
 * of those directories. Links are followed before judging (see {@link RootedPaths}).
 */
public final class PayloadPaths {
  private PayloadPaths() {}

  /** The database a task works on: the configured one for null, else the named one if allowed. */
  public static Path database(String named, Settings.Paths paths) {
    if (named == null) {
      return paths.database();
    }
    Path path = Path.of(named);
    if (RootedPaths.isSame(path, paths.database()) || underARoot(path, paths, List.of())) {
      return path;
    }
    throw outside("database", named, paths, "[paths] database " + paths.database());
  }

  /** The report directory of a task: the configured one for null, else the named one if allowed. */
  public static Path reportDir(String named, Settings.Paths paths) {
    if (named == null) {
      return paths.reportDir();
    }
    Path path = Path.of(named);
    if (underARoot(path, paths, List.of(paths.reportDir()))) {
      return path;
    }
    throw outside("report dir", named, paths, "[paths] report_dir " + paths.reportDir());
  }

  /**
   * The export file an import task reads, if a task may name it: it must lie under [paths] data_dir
   * or an [paths] allowed_roots directory (a payload must not make a worker read, and store, any
   * file it can reach).
   */
  public static Path importFile(String named, Settings.Paths paths) {
    Path path = Path.of(named);
    if (underARoot(path, paths, List.of())) {
      return path;
    }
    throw outside("import file", named, paths, null);
  }

  private static boolean underARoot(Path path, Settings.Paths paths, List<Path> more) {
    return roots(paths, more).stream().anyMatch(root -> RootedPaths.isWithin(path, root));
  }

  private static List<Path> roots(Settings.Paths paths, List<Path> more) {
    List<Path> roots = new ArrayList<>(more);
    roots.add(paths.dataDir());
    roots.addAll(paths.allowedRoots());
    return roots;
  }

  private static BadArguments outside(
      String what, String named, Settings.Paths paths, String configured) {
    String allowed =
        paths.allowedRoots().isEmpty()
            ? "(none)"
            : paths.allowedRoots().stream().map(Path::toString).collect(Collectors.joining(", "));
    return new BadArguments(
        what
            + " "
            + Args.quote(named)
            + " is not allowed: a task may name only "
            + (configured == null ? "" : configured + ", or ")
            + "a path under [paths] data_dir "
            + paths.dataDir().toAbsolutePath()
            + " or [paths] allowed_roots "
            + allowed
            + " (add a directory there to allow more)");
  }
}
