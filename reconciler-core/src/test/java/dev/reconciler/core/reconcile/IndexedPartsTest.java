package dev.reconciler.core.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which count auto reads a day in when its input is indexed for another. */
class IndexedPartsTest {
  @Test
  void readsTheIndexedCountWhenItIsMoreUpToFourTimesAutosChoice() {
    // A choice that halved or quartered since the input was indexed (rows or heap near a boundary).
    assertThat(ReconcileService.partsToRead(4, 8)).isEqualTo(8);
    assertThat(ReconcileService.partsToRead(2, 8)).isEqualTo(8);
    assertThat(ReconcileService.partsToRead(2, 6))
        .as("any count, not only a power of two")
        .isEqualTo(6);
  }

  @Test
  void keepsAutosChoiceWhenTheIndexedCountIsFewerNoneOrFarMore() {
    assertThat(ReconcileService.partsToRead(8, 4)).as("larger parts may not fit").isEqualTo(8);
    assertThat(ReconcileService.partsToRead(4, 0)).as("not indexed").isEqualTo(4);
    assertThat(ReconcileService.partsToRead(4, 4)).isEqualTo(4);
    assertThat(ReconcileService.partsToRead(2, 16)).as("beyond four times as many").isEqualTo(2);
  }
}
