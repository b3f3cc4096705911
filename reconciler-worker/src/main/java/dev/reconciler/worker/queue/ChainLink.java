package dev.reconciler.worker.queue;

import java.time.LocalDate;

/**
 * A task's place in a chain of dates run in order: the chain's Redis hash maps each date to the
 * task that runs it, and a date is claimed there once, so no link is queued twice.
 *
 * @param chainId the chain's id (the task id of its first link)
 */
public record ChainLink(String chainId, LocalDate date) {}
