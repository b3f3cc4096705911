package dev.reconciler.cli;

import picocli.CommandLine.Option;

/** Which ledger item a command names: its side and transaction id (resolve, unresolve). */
final class ItemOptions {
  @Option(names = "--source", paramLabel = "SIDE", description = "sales or processor")
  String source;

  @Option(names = "--id", paramLabel = "TXN", description = "the item's transaction id")
  String id;
}
