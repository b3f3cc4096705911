package dev.reconciler.core.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CodesTest {
  @Test
  void readsBackWhatWasSetAcrossManyDistinctValuesAndEqualTextsOfOtherInstances() {
    // More distinct values than a lookup scans, repeated as new instances, interleaved.
    List<String> set = new ArrayList<>();
    for (int round = 0; round < 3; round++) {
      for (int k = 0; k < 40; k++) {
        set.add(new String("C" + k));
      }
    }
    Codes codes = new Codes(set.size());
    for (int i = 0; i < set.size(); i++) {
      codes.set(i, set.get(i));
    }
    assertThat(codes.distinct()).isEqualTo(40);
    for (int i = 0; i < set.size(); i++) {
      assertThat(codes.get(i)).isEqualTo(set.get(i));
      assertThat(codes.value(codes.code(i))).isEqualTo(set.get(i));
      assertThat(codes.code(i)).isEqualTo(i % 40);
    }
  }

  @Test
  void keepsItsCodesAcrossGrowth() {
    Codes codes = new Codes(1);
    String[] values = {"USD", "EUR", "USD", "GBP", "EUR"};
    for (int i = 0; i < values.length; i++) {
      codes.grow(i + 1);
      codes.set(i, values[i]);
    }
    assertThat(codes.distinct()).isEqualTo(3);
    for (int i = 0; i < values.length; i++) {
      assertThat(codes.get(i)).isEqualTo(values[i]);
    }
  }
}
