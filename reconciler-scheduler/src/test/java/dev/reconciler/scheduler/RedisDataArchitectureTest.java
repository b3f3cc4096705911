package dev.reconciler.scheduler;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.reconciler.core.architecture.UntrustedDataRules;
import dev.reconciler.worker.MainClasses;
import org.junit.jupiter.api.Test;

/**
 * Every module, the CLI and scheduler included: Redis data is parsed in the worker's queue package,
 * and chooses no class. It runs here, in the last module, because only here are all three on the
 * class path.
 */
class RedisDataArchitectureTest {
  private static final JavaClasses CLASSES = MainClasses.get();

  @Test
  void onlyTheQueuePackageReadsJson() {
    UntrustedDataRules.ONLY_THE_QUEUE_PACKAGE_READS_JSON.check(CLASSES);
  }

  @Test
  void nothingLetsDataChooseAClass() {
    UntrustedDataRules.NOTHING_LETS_DATA_CHOOSE_A_CLASS.check(CLASSES);
  }

  @Test
  void noCodeInstantiatesAClassReflectively() {
    UntrustedDataRules.NO_REFLECTIVE_INSTANTIATION.check(CLASSES);
  }
}
