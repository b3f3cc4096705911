package dev.reconciler.core.report;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.apache.poi.util.DefaultTempFileCreationStrategy;
import org.apache.poi.util.TempFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where POI writes a workbook's temp files (the rows it flushed, the compressed sheets): a
 * directory under java.io.tmpdir that only this OS user can use. POI's own default, one {@code
 * poifiles} directory for every user of the host, belongs to whoever ran first and shuts every
 * other user out; and /tmp is shared, so a directory found there is used only if it is ours alone.
 */
final class PrivateTempFiles {
  private static final Logger log = LoggerFactory.getLogger(PrivateTempFiles.class);

  private static final String PREFIX = "reconciler-poi-";
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rwx------");

  /** The directory POI was last pointed at; checked again for every workbook. */
  private static Path current;

  private PrivateTempFiles() {}

  /** Looked up once: UnixSystem asks the user database too, which may be a network service. */
  private static final class Uid {
    /** This process's user id; null where there are no POSIX users (Windows). */
    static final Long THIS_USER =
        FileSystems.getDefault().supportedFileAttributeViews().contains("unix")
            ? new UnixSystem().getUid()
            : null;
  }

  /**
   * Points POI's temp files at this user's private directory, before any workbook makes one. It is
   * checked again on every call, once per workbook, since a tmp cleaner may remove it under a
   * long-running worker and someone else create it anew. Returns the directory.
   */
  static Path install() {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    try {
      return install(tmp, Uid.THIS_USER);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make a private temp directory under " + tmp, e);
    }
  }

  /**
   * {@link #install()} for a given tmp directory and user id; returns the directory. Without POSIX
   * users (uid null, Windows) java.io.tmpdir is the user's own already: a directory per process.
   */
  static synchronized Path install(Path tmp, Long uid) throws IOException {
    boolean stillGood =
        current != null
            && current.getParent().equals(tmp)
            && (uid == null ? Files.isDirectory(current) : isPrivate(current, uid));
    if (!stillGood) {
      current = uid == null ? Files.createTempDirectory(tmp, PREFIX) : choose(tmp, uid);
      TempFile.setTempFileCreationStrategy(new DefaultTempFileCreationStrategy(current.toFile()));
    }
    return current;
  }

  /**
   * {@code <tmp>/reconciler-poi-<uid>}, made owner-only if missing; if it exists but is not this
   * user's alone (see {@link #isPrivate}), a new private directory for this process instead, since
   * anyone may have made it first.
   */
  static Path choose(Path tmp, long uid) throws IOException {
    Path dir = tmp.resolve(PREFIX + uid);
    try {
      Files.createDirectory(dir, ownerOnly());
    } catch (FileAlreadyExistsException e) {
      // Someone made it first, maybe this user: checked below.
    }
    if (isPrivate(dir, uid)) {
      return dir;
    }
    Path own = Files.createTempDirectory(tmp, PREFIX + uid + "-", ownerOnly());
    // Empty by then, as every workbook deletes its temp files when closed.
    own.toFile().deleteOnExit();
    log.warn(
        "{} is not this user's alone (owner, mode or type): report temp files go to {}", dir, own);
    return own;
  }

  /** Whether {@code dir} is a directory, not a link, owned by {@code uid}, mode rwx------. */
  static boolean isPrivate(Path dir, long uid) {
    try {
      PosixFileAttributes a = Files.readAttributes(dir, PosixFileAttributes.class, NOFOLLOW_LINKS);
      Number owner = (Number) Files.getAttribute(dir, "unix:uid", NOFOLLOW_LINKS);
      return a.isDirectory() && owner.longValue() == uid && a.permissions().equals(OWNER_ONLY);
    } catch (IOException e) {
      return false;
    }
  }

  private static FileAttribute<Set<PosixFilePermission>> ownerOnly() {
    return PosixFilePermissions.asFileAttribute(OWNER_ONLY);
  }
}
