package dev.reconciler.core.generate;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class GenerateArchitectureTest {
  @Test
  void generatorLeavesJdbcToTheStorePackage() {
    noClasses()
        .that().resideInAPackage("dev.reconciler.core.generate")
        .should().dependOnClassesThat().resideInAPackage("java.sql..")
        .check(new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.reconciler.core.generate"));
  }
}
