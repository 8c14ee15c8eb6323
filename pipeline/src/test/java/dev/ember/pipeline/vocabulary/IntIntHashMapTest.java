package dev.ember.pipeline.vocabulary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class IntIntHashMapTest {
  @Test
  void keepsEveryKeyThroughGrowth() {
    IntIntHashMap map = new IntIntHashMap(1);
    for (int i = 0; i < 100_000; i++) {
      map.put(i * 7919 - 50_000, i);
    }
    assertEquals(100_000, map.size());
    for (int i = 0; i < 100_000; i++) {
      assertEquals(i, map.get(i * 7919 - 50_000, -5));
    }
    assertEquals(-5, map.get(3, -5));
    map.put(0, 1);
    assertEquals(1, map.get(0, -5));
  }

  @Test
  void hashingMapperTakesTheUnsignedValueModuloTheRange() {
    HashingMapper mapper = new HashingMapper(1000);
    assertEquals((int) (0xFFFFFFFFL % 1000), mapper.id(0, -1, false));
    assertEquals(0, mapper.id(0, 12345, true));
  }
}
