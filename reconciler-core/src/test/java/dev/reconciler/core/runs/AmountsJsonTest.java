package dev.reconciler.core.runs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AmountsJsonTest {
  @Test
  void noAmountsAreWrittenAsJacksonWritesAnEmptyMapAndReadBackEmpty() throws Exception {
    String written = AmountsJson.write(Map.of());

    assertThat(written).isEqualTo(new ObjectMapper().writeValueAsString(Map.of()));
    assertThat(AmountsJson.read(written)).isEmpty();
  }

  @Test
  void amountsRoundTripExactly() {
    Map<String, Map<String, BigDecimal>> amounts =
        Map.of("matched", Map.of("EUR", new BigDecimal("12.30"), "JPY", new BigDecimal("5")));

    assertThat(AmountsJson.read(AmountsJson.write(amounts))).isEqualTo(amounts);
  }
}
