package dev.reconciler.worker.queue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A chain of reconcile dates as operators see it: every date claimed so far with its task's state,
 * and the dates of the requested range still to come. Read from Redis: callers escape it.
 *
 * @param until the last date of the requested range; null when the first link's state expired
 * @param links the dates claimed, ascending; a link whose state expired has state null
 */
public record ChainView(String chainId, LocalDate until, List<Link> links) {
  /** One date of the chain and the task that runs it. */
  public record Link(LocalDate date, String taskId, String state) {
    boolean is(String s) {
      return s.equals(state);
    }
  }

  /** The chain's first date (its first link's). */
  public LocalDate from() {
    return links.isEmpty() ? null : links.get(0).date();
  }

  /** The first link that failed for good: the chain stopped there. */
  public Link failed() {
    return links.stream().filter(l -> l.is("FAILURE")).findFirst().orElse(null);
  }

  /** The first link that failed for good or was revoked: the chain stopped there; or null. */
  public Link stoppedAt() {
    return links.stream().filter(l -> l.is("FAILURE") || l.is("REVOKED")).findFirst().orElse(null);
  }

  /** The dates of the requested range after the last link, not queued (yet, or ever). */
  public List<LocalDate> notQueued() {
    List<LocalDate> dates = new ArrayList<>();
    if (until == null || links.isEmpty()) {
      return dates;
    }
    for (LocalDate d = links.get(links.size() - 1).date().plusDays(1);
        !d.isAfter(until);
        d = d.plusDays(1)) {
      dates.add(d);
    }
    return dates;
  }

  /** DONE, FAILED, REVOKED (an operator revoked a link) or RUNNING. */
  public String state() {
    Link stopped = stoppedAt();
    if (stopped != null) {
      return stopped.is("FAILURE") ? "FAILED" : "REVOKED";
    }
    boolean allDone = links.stream().allMatch(l -> l.is("SUCCESS"));
    return allDone && notQueued().isEmpty() ? "DONE" : "RUNNING";
  }

  /** The chain on one line: its range, state, and how many dates are done, failed, to come. */
  public String summary() {
    long done = links.stream().filter(l -> l.is("SUCCESS")).count();
    Link stopped = stoppedAt();
    long queued = links.size() - done - (stopped == null ? 0 : 1);
    int notQueued = notQueued().size();
    StringBuilder line = new StringBuilder();
    line.append(from()).append(" to ").append(until == null ? "?" : until);
    line.append("  ").append(state()).append(": ").append(done).append(" done");
    if (stopped != null) {
      line.append(stopped.is("FAILURE") ? ", failed at " : ", revoked at ").append(stopped.date());
      line.append(", ").append(notQueued).append(" not run");
    } else {
      line.append(", ").append(queued).append(" queued or running");
      line.append(", ").append(notQueued).append(" to come");
    }
    return line.toString();
  }
}
