package dev.reconciler.core.imports;

import dev.reconciler.core.domain.UserError;

/** The file is not in the format asked for (its header is wrong): refused whole, exit 2. */
public class ImportFormatException extends UserError {
  private static final long serialVersionUID = 1L;

  public ImportFormatException(String message) {
    super(message);
  }
}
