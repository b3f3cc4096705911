package dev.reconciler.core.domain;

/**
 * A failure whose message already says what went wrong and where (an outage, not a bug): the CLI
 * shows the message alone, without the exception's class name.
 */
public interface Explained {}
