package dev.reconciler.worker.mail;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class MailStaysInMailPackageTest {

  @Test
  void onlyTheMailPackageUsesSimpleJavaMail() {
    JavaClasses worker =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.reconciler");

    noClasses()
        .that()
        .resideOutsideOfPackage("dev.reconciler.worker.mail..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.simplejavamail..", "jakarta.mail..")
        .check(worker);
  }
}
