package dev.reconciler.core.testing;

import java.util.Comparator;
import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

/**
 * The module's IT classes in an order of their own, the same on every machine: {@link WaitBound}
 * classes first, so that the second thread starts on them at once, then every other class; each
 * part by name.
 */
public final class WaitBoundFirst implements ClassOrderer {
  @Override
  public void orderClasses(ClassOrdererContext context) {
    context
        .getClassDescriptors()
        .sort(
            Comparator.comparing((ClassDescriptor c) -> !c.isAnnotated(WaitBound.class))
                .thenComparing(c -> c.getTestClass().getName()));
  }
}
