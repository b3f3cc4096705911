package dev.reconciler.worker;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * Every class of dev.reconciler on the test class path, tests left out, imported once per test JVM
 * for the architecture tests of this module and of the scheduler's (from this module's test-jar):
 * an import takes seconds (4-5 s of each test that made its own), and the classes do not change
 * while the tests run.
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
            // Other modules' test helpers, shared as test-jars (PromText, this class), are tests
            // too.
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("dev.reconciler");
  }
}
