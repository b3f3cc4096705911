package dev.reconciler.worker.metrics;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import dev.reconciler.worker.MainClasses;
import org.junit.jupiter.api.Test;

class PrometheusStaysInExpositionTest {
  @Test
  void onlyExpositionUsesThePrometheusClient() {
    noClasses()
        .that()
        .doNotBelongToAnyOf(Exposition.class)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.prometheus..")
        .because("a change of metrics library is then made in one small class")
        .check(MainClasses.get());
  }
}
