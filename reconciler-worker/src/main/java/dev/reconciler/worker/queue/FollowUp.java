package dev.reconciler.worker.queue;

import dev.reconciler.worker.task.TaskEnvelope;

/** A task to enqueue atomically with the outcome of the task that caused it. */
public record FollowUp(String queue, TaskEnvelope task) {}
