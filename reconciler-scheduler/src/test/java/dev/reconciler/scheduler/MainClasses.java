package dev.reconciler.scheduler;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * Every class of dev.reconciler on the class path, every module's, tests left out, imported once
 * per test JVM for the architecture tests here: an import takes seconds, and each test class made
 * its own of the same classes.
 */
final class MainClasses {
  private MainClasses() {}

  /** The classes, imported on first use. */
  static JavaClasses get() {
    return Imported.CLASSES;
  }

  private static final class Imported {
    static final JavaClasses CLASSES =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // Other modules' test helpers, shared as test-jars (PromText), are tests too.
            .withImportOption(location -> !location.contains("-tests.jar"))
            .importPackages("dev.reconciler");
  }
}
