package dev.reconciler.cli;

import java.nio.file.Path;

/** Where the ground truth of a generated database lives: beside it, as NAME.truth.json. */
final class GroundTruthFiles {
  private GroundTruthFiles() {}

  static Path beside(Path db) {
    String name = db.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String stem = dot > 0 ? name.substring(0, dot) : name;
    return db.resolveSibling(stem + ".truth.json");
  }
}
