package dev.reconciler.core.runs;

import java.time.Instant;

/**
 * What a {@link WorkbookStore} knows of one run's workbook: stored whole, or pruned by retention.
 *
 * @param size bytes; null for a workbook pruned before it was ever stored (store = files)
 * @param sha256 lower-case hex of the bytes; null as size is
 * @param prunedAt when retention deleted it; null while it is kept
 */
public record StoredWorkbook(
    String runId, String fileName, Long size, String sha256, Instant createdAt, Instant prunedAt) {

  /** True once retention deleted the workbook: the run record stays, its workbook is gone. */
  public boolean pruned() {
    return prunedAt != null;
  }
}
