package dev.reconciler.core.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * An IT class whose time goes mostly to waiting (for child JVMs to start, die and be reaped, for
 * heartbeats to lapse, for Redis or SMTP to come back, for an ETA), not to computing: it runs on a
 * second thread beside the module's other classes, one such class at a time, its own tests one
 * after another (the parent pom's failsafe configuration turns this on). Only for classes whose
 * Redis, SMTP server, databases and files are their own, and whose assertions hold whatever else
 * runs in the JVM meanwhile: beside them run, among others, the in-process CLI tests, which reset
 * the logging and capture System.out.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock("dev.reconciler.core.testing.WaitBound")
public @interface WaitBound {}
