package dev.reconciler.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Map;
import java.util.Set;

/**
 * Rules for the data in Redis, which anyone on the network may write: it is parsed in one package,
 * and nothing lets it choose a class. Shared through core's test-jar, so the worker and the
 * scheduler check them against their own classes.
 */
public final class UntrustedDataRules {
  /** Where payloads, failure records and other JSON from Redis are read, strictly. */
  public static final String QUEUE_PACKAGE = "dev.reconciler.worker.queue..";

  /**
   * JSON (Jackson, and Jesque's own mapper) only in the queue package. Core reads JSON files of its
   * own, but it cannot reach Redis at all (CoreArchitectureTest), so it is left out.
   */
  public static final ArchRule ONLY_THE_QUEUE_PACKAGE_READS_JSON =
      noClasses()
          .that()
          .resideOutsideOfPackages(QUEUE_PACKAGE, "dev.reconciler.core..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("com.fasterxml.jackson..", "net.greghaines..")
          .because("data from Redis is parsed in one place, by one strict reader");

  /**
   * Library types that turn a name found in data into a class, and Jackson's polymorphic typing.
   */
  private static final Set<String> CLASS_CHOOSERS =
      Set.of(
          "net.greghaines.jesque.JobFailure",
          "net.greghaines.jesque.worker.ReflectiveJobFactory",
          "net.greghaines.jesque.utils.ReflectionUtils",
          "net.greghaines.jesque.utils.JesqueUtils",
          "com.fasterxml.jackson.annotation.JsonTypeInfo",
          "com.fasterxml.jackson.databind.jsontype.PolymorphicTypeValidator");

  /** No Jesque failure or job materialising, no Jackson default typing, anywhere. */
  public static final ArchRule NOTHING_LETS_DATA_CHOOSE_A_CLASS =
      noClasses()
          .should()
          .dependOnClassesThat(
              DescribedPredicate.describe(
                  "turn names in data into classes",
                  (JavaClass c) ->
                      CLASS_CHOOSERS.contains(c.getName())
                          || c.getPackageName().startsWith("net.greghaines.jesque.json")))
          .orShould()
          .callMethodWhere(
              DescribedPredicate.describe(
                  "switch on Jackson's default typing",
                  (JavaMethodCall call) -> call.getTarget().getName().contains("DefaultTyping")));

  /** The reflective entry points, by owner: each can load or build a class chosen at run time. */
  private static final Map<String, Set<String>> REFLECTION =
      Map.of(
          "java.lang.Class", Set.of("forName", "newInstance"),
          "java.lang.reflect.Constructor", Set.of("newInstance"),
          "java.lang.reflect.Method", Set.of("invoke"),
          "java.lang.ClassLoader", Set.of("loadClass"),
          "java.lang.invoke.MethodHandles", Set.of("lookup", "privateLookupIn", "publicLookup"));

  /** Our code never loads or instantiates a class by name; picocli's own reflection is its own. */
  public static final ArchRule NO_REFLECTIVE_INSTANTIATION =
      noClasses()
          .that()
          .resideInAPackage("dev.reconciler..")
          .should()
          .callMethodWhere(
              DescribedPredicate.describe(
                  "load or instantiate a class reflectively",
                  (JavaMethodCall call) ->
                      REFLECTION
                          .getOrDefault(call.getTargetOwner().getName(), Set.of())
                          .contains(call.getTarget().getName())));

  private UntrustedDataRules() {}
}
