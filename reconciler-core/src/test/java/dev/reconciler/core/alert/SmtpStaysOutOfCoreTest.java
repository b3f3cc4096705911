package dev.reconciler.core.alert;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class SmtpStaysOutOfCoreTest {

  @Test
  void coreComposesAlertsWithoutAMailLibrary() {
    JavaClasses core =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.reconciler.core");

    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.simplejavamail..", "jakarta.mail..", "javax.mail..")
        .check(core);
  }
}
