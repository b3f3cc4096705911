package dev.reconciler.worker;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * Every class of dev.reconciler on this module's test class path, tests left out, imported once per
 * test JVM for all the module's architecture tests: an import takes seconds (4-5 s of each of the
 * two tests that made their own), and the classes do not change while the tests run.
 */
public final class MainClasses {
  private MainClasses() {}

  /** The classes, imported on first use. */
  public static JavaClasses get() {
    return Imported.CLASSES;
  }

  private static final class Imported {
    static final JavaClasses CLASSES =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.reconciler");
  }
}
