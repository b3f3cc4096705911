package dev.reconciler.core.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CarriedIdsTest {
  @Test
  void theSameIdsInAnyOrderGiveTheSameDigestAndAnyChangeAnother() {
    Set<String> ids = Set.of("P", "TXN-1", "TXN-2");
    Set<String> reordered = new LinkedHashSet<>(List.of("TXN-2", "P", "TXN-1"));
    assertThat(CarriedIds.digest(reordered)).isEqualTo(CarriedIds.digest(ids));
    assertThat(CarriedIds.digest(Set.of("P", "TXN-1"))).isNotEqualTo(CarriedIds.digest(ids));
    assertThat(CarriedIds.digest(Set.of("P", "TXN-1", "TXN-3")))
        .isNotEqualTo(CarriedIds.digest(ids));
    assertThat(CarriedIds.digest(Set.of("p", "TXN-1", "TXN-2")))
        .isNotEqualTo(CarriedIds.digest(ids));
    assertThat(CarriedIds.digest(Set.of())).isNotEqualTo(CarriedIds.digest(Set.of("")));
  }
}
