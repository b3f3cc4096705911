package dev.reconciler.core.domain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Whether a path named by untrusted data (a queue payload, a run record) lies inside a directory
 * the configuration trusts, judged by where it really is: symbolic links followed, so a link inside
 * the root that points outside it counts as outside.
 */
public final class RootedPaths {
  private static final Pattern PARENT_SEGMENT = Pattern.compile("(^|[/\\\\])\\.\\.([/\\\\]|$)");

  private RootedPaths() {}

  /** True when the text has a {@code ..} segment, which untrusted paths may not use. */
  public static boolean hasParentSegment(String path) {
    return PARENT_SEGMENT.matcher(path).find();
  }

  /** True when {@code path}, really, is {@code root} or lies inside it. */
  public static boolean isWithin(Path path, Path root) {
    return within(path, root) != null;
  }

  /** Where {@code path} really is when that is {@code root} or inside it; otherwise null. */
  public static Path within(Path path, Path root) {
    Path real = real(path);
    Path realRoot = real(root);
    return real != null && realRoot != null && real.startsWith(realRoot) ? real : null;
  }

  /** True when both name the same place, really. */
  public static boolean isSame(Path a, Path b) {
    Path realA = real(a);
    return realA != null && realA.equals(real(b));
  }

  /**
   * Where the path really is: its longest existing prefix with links resolved, then the rest
   * normalised; null when that prefix cannot be resolved (a dangling link, no permission).
   */
  static Path real(Path path) {
    Path absolute = path.toAbsolutePath();
    Path existing = absolute;
    while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return absolute.normalize();
    }
    try {
      return existing.toRealPath().resolve(existing.relativize(absolute)).normalize();
    } catch (IOException | SecurityException e) {
      return null;
    }
  }
}
