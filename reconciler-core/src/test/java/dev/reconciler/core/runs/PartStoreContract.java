package dev.reconciler.core.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reconciler.core.domain.Shard;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link PartStore} does, whatever database holds the parts; each implementation's test
 * extends this and says how to make a store on an empty database.
 */
abstract class PartStoreContract {
  private static final Instant AT = Instant.parse("2026-11-25T06:01:00Z");

  private PartStore store;

  /** A store on a database of its own that holds no part table yet. */
  abstract PartStore emptyStore() throws Exception;

  @BeforeEach
  void emptyDatabase() throws Exception {
    store = emptyStore();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aDatabaseWithoutTheTableHasNoParts() {
    assertThat(store.parts("run-a", 3)).isEmpty();
  }

  @Test
  void partsAreKeptPerRunAndShardAndAPartStoredAgainReplacesItsBytes() {
    store.put("run-a", new Shard(0, 3), bytes("first try"), AT);
    store.put("run-a", new Shard(0, 3), bytes("zero"), AT.plusSeconds(1));
    store.put("run-a", new Shard(2, 3), bytes("two"), AT);
    store.put("run-b", new Shard(1, 3), bytes("other run"), AT);

    Map<Integer, byte[]> parts = store.parts("run-a", 3);

    assertThat(parts).containsOnlyKeys(0, 2);
    assertThat(parts.get(0)).isEqualTo(bytes("zero"));
    assertThat(parts.get(2)).isEqualTo(bytes("two"));
  }

  @Test
  void partsOfAnotherShardCountAreNotTheRunsParts() {
    store.put("run-a", new Shard(1, 2), bytes("of two"), AT);

    assertThat(store.parts("run-a", 3)).isEmpty();
    assertThat(store.parts("run-a", 2)).containsOnlyKeys(1);
  }

  @Test
  void deletingARunsPartsLeavesOtherRunsParts() {
    store.put("run-a", new Shard(0, 2), bytes("a0"), AT);
    store.put("run-a", new Shard(1, 2), bytes("a1"), AT);
    store.put("run-b", new Shard(0, 2), bytes("b0"), AT);

    store.delete("run-a");

    assertThat(store.parts("run-a", 2)).isEmpty();
    assertThat(store.parts("run-b", 2)).containsOnlyKeys(0);
  }

  @Test
  void partsStoredBeforeACutoffAreDeletedWhateverTheirRunAndNewerOnesStay() {
    store.put("run-old", new Shard(0, 2), bytes("old0"), AT.minusSeconds(3600));
    store.put("run-old", new Shard(1, 2), bytes("old1"), AT.minusSeconds(1));
    store.put("run-mixed", new Shard(0, 2), bytes("m0"), AT.minusSeconds(7200));
    store.put("run-mixed", new Shard(1, 2), bytes("m1"), AT);
    store.put("run-new", new Shard(0, 1), bytes("new"), AT.plusSeconds(60));

    assertThat(store.deleteStoredBefore(AT)).isEqualTo(3);

    assertThat(store.parts("run-old", 2)).isEmpty();
    assertThat(store.parts("run-mixed", 2)).containsOnlyKeys(1);
    assertThat(store.parts("run-new", 1)).containsOnlyKeys(0);
    assertThat(store.deleteStoredBefore(AT)).isZero();
  }

  @Test
  void aPartOfSeveralMegabytesReadsBackWhole() {
    byte[] big = new byte[3 * 1024 * 1024 + 17];
    new Random(3).nextBytes(big);

    store.put("run-a", new Shard(0, 1), big, AT);

    assertThat(store.parts("run-a", 1).get(0)).isEqualTo(big);
  }

  /** Two hosts running the same redelivered part: each write waits for the other, none fails. */
  @Test
  void twoWritersStoringTheSamePartAtOnceBothSucceed() throws Exception {
    AtOnce.run(
        2,
        writer -> {
          for (int i = 0; i < 20; i++) {
            store.put("run-a", new Shard(0, 1), bytes("writer " + writer), AT);
          }
        });

    assertThat(new String(store.parts("run-a", 1).get(0), StandardCharsets.UTF_8))
        .startsWith("writer ");
  }
}
