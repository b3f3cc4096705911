package dev.reconciler.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Core stays a plain library: no broker, scheduler or mail (alerts are composed here, sent by the
 * worker), and each third-party library stays in its one package.
 */
class CoreArchitectureTest {
  private static final JavaClasses CORE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.reconciler.core");

  @Test
  void coreKnowsNothingOfRedisJesqueQuartzOrMail() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "redis..",
            "net.greghaines..",
            "org.quartz..",
            "org.simplejavamail..",
            "jakarta.mail..",
            "javax.mail..")
        .check(CORE);
  }

  /**
   * The input store and the run store are the homes of SQL; elsewhere only a class named Sqlite… or
   * Pg… (the ledger's stores) may touch it, so the rules beside it stay plain Java.
   */
  @Test
  void onlyTheStoresTouchJdbc() {
    noClasses()
        .that()
        .resideOutsideOfPackages("dev.reconciler.core.store..", "dev.reconciler.core.runs..")
        .and()
        .haveSimpleNameNotStartingWith("Sqlite")
        .and()
        .haveSimpleNameNotStartingWith("Pg")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("java.sql..", "org.sqlite..")
        .check(CORE);
  }

  @Test
  void loadersReadThroughTheInputSourceNotTheSqliteOne() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.reconciler.core.store..")
        .and()
        .doNotHaveFullyQualifiedName("dev.reconciler.core.reconcile.ReconcileService")
        .should()
        .dependOnClassesThat()
        .haveFullyQualifiedName("dev.reconciler.core.store.SqliteInputSource")
        .because("ReconcileService picks the source; loaders use the InputSource seam")
        .check(CORE);
  }

  @Test
  void onlyTheReportPackageUsesPoi() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.reconciler.core.report..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.apache.poi..")
        .check(CORE);
  }

  @Test
  void onlyTheImportsPackageUsesFastCsv() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.reconciler.core.imports..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("de.siegmar.fastcsv..")
        .check(CORE);
  }
}
