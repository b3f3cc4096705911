package dev.reconciler.worker.mail;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.reconciler.worker.MainClasses;
import org.junit.jupiter.api.Test;

class MailStaysInMailPackageTest {

  @Test
  void onlyTheMailPackageUsesSimpleJavaMail() {
    JavaClasses worker = MainClasses.get();

    noClasses()
        .that()
        .resideOutsideOfPackage("dev.reconciler.worker.mail..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.simplejavamail..", "jakarta.mail..")
        .check(worker);
  }
}
