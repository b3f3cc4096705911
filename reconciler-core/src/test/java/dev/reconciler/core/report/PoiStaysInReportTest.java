package dev.reconciler.core.report;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class PoiStaysInReportTest {

  @Test
  void onlyTheReportPackageUsesPoi() {
    JavaClasses core =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.reconciler.core");

    noClasses()
        .that()
        .resideOutsideOfPackage("dev.reconciler.core.report..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.apache.poi..")
        .check(core);
  }
}
