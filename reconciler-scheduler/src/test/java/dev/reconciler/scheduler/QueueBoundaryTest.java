package dev.reconciler.scheduler;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.TryCatchBlock;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.reconciler.scheduler.fixture.QueueBypass;
import dev.reconciler.worker.MainClasses;
import dev.reconciler.worker.queue.RedisConnector;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Redis client (Jedis) and Jesque are used in one package, the worker's queue, so that a change
 * of client, or of how connections are pooled and failures explained, is made there alone. Runs
 * here, in the last module, because only here are the worker, the scheduler and the CLI all on the
 * class path. Tests may use Jedis directly.
 */
class QueueBoundaryTest {
  private static final String[] LIBRARIES = {"redis.clients..", "net.greghaines.."};

  static final ArchRule ONLY_THE_QUEUE_PACKAGE_TALKS_TO_REDIS =
      noClasses()
          .that()
          .resideOutsideOfPackage("dev.reconciler.worker.queue..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(LIBRARIES)
          .orShould(catchExceptionsOf(LIBRARIES))
          .because("Redis is reached through the worker's queue package only");

  private static final JavaClasses MAIN = MainClasses.get();

  @Test
  void onlyTheQueuePackageUsesJedisOrJesque() {
    ONLY_THE_QUEUE_PACKAGE_TALKS_TO_REDIS.check(MAIN);
  }

  @Test
  void theRuleNamesEachUseOfJedisOrJesqueOutsideTheQueuePackageAndNothingInside() {
    List<String> violations =
        ONLY_THE_QUEUE_PACKAGE_TALKS_TO_REDIS
            .evaluate(
                new ClassFileImporter().importClasses(QueueBypass.class, RedisConnector.class))
            .getFailureReport()
            .getDetails();

    assertThat(violations)
        .allMatch(line -> line.contains(QueueBypass.class.getName()))
        .anyMatch(line -> line.contains("enqueueAround") && line.contains("jedis.Jedis.rpush"))
        .anyMatch(line -> line.contains("enqueueAround") && line.contains("jesque.Job"))
        .anyMatch(line -> line.contains("reachable") && line.contains("JedisConnectionException"));
  }

  /**
   * ArchUnit's dependencies leave catch clauses out: {@code catch (JedisException e)} alone,
   * without a call on {@code e}, would pass the dependency rule.
   */
  private static ArchCondition<JavaClass> catchExceptionsOf(String... packages) {
    DescribedPredicate<JavaClass> fromThem = JavaClass.Predicates.resideInAnyPackage(packages);
    return new ArchCondition<>("catch exceptions of classes that " + fromThem.getDescription()) {
      @Override
      public void check(JavaClass owner, ConditionEvents events) {
        for (JavaCodeUnit unit : owner.getCodeUnits()) {
          for (TryCatchBlock block : unit.getTryCatchBlocks()) {
            for (JavaClass caught : block.getCaughtThrowables()) {
              if (fromThem.test(caught)) {
                events.add(
                    SimpleConditionEvent.satisfied(
                        block,
                        unit.getDescription()
                            + " catches <"
                            + caught.getName()
                            + "> in "
                            + block.getSourceCodeLocation()));
              }
            }
          }
        }
      }
    };
  }
}
