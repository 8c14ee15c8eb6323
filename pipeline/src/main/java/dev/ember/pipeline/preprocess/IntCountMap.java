package dev.ember.pipeline.preprocess;

import java.util.Arrays;

/**
 * Open-addressing counter from int keys to long counts (a count of 0 marks an empty slot). Key
 * and count share one array, side by side, so a lookup touches one cache line.
 */
final class IntCountMap {
  /** {@code slots[2 * s]} holds the key of slot s, {@code slots[2 * s + 1]} its count. */
  private long[] slots;
  private int size;
  private int mask;

  IntCountMap(int initialCapacity) {
    allocate(Integer.highestOneBit(Math.max(16, initialCapacity) - 1) << 1);
  }

  private void allocate(int capacity) {
    slots = new long[2 * capacity];
    mask = capacity - 1;
    size = 0;
  }

  void increment(int key) {
    add(key, 1);
  }

  /** Adds a positive {@code delta} to the count of {@code key}. */
  void add(int key, long delta) {
    assert delta > 0 : delta;
    long[] table = slots;
    int slot = slotOf(table, mask, key);
    if (table[2 * slot + 1] == 0) {
      table[2 * slot] = key;
      table[2 * slot + 1] = delta;
      if (++size * 2 > capacity()) {
        grow();
      }
      return;
    }
    table[2 * slot + 1] += delta;
  }

  int size() {
    return size;
  }

  /** Number of slots; entries are read by slot. */
  int capacity() {
    return slots.length / 2;
  }

  /** Count at a slot, 0 when the slot is empty. */
  long countAt(int slot) {
    return slots[2 * slot + 1];
  }

  /** Key at a slot; meaningful only when {@link #countAt} is positive. */
  int keyAt(int slot) {
    return (int) slots[2 * slot];
  }

  void clear() {
    if (capacity() > 1 << 16) {
      allocate(1 << 16);
    } else {
      Arrays.fill(slots, 0);
      size = 0;
    }
  }

  private static int slotOf(long[] table, int mask, int key) {
    int h = key * 0x9E3779B9;
    int slot = (h ^ (h >>> 16)) & mask;
    while (table[2 * slot + 1] != 0 && (int) table[2 * slot] != key) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  private void grow() {
    long[] old = slots;
    allocate(capacity() * 2);
    for (int i = 0; i < old.length; i += 2) {
      if (old[i + 1] != 0) {
        int slot = slotOf(slots, mask, (int) old[i]);
        slots[2 * slot] = old[i];
        slots[2 * slot + 1] = old[i + 1];
        size++;
      }
    }
  }
}
