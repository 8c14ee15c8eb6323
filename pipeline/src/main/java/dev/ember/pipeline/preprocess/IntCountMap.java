package dev.ember.pipeline.preprocess;

import java.util.Arrays;

/** Open-addressing counter from int keys to long counts (a count of 0 marks an empty slot). */
final class IntCountMap {
  private int[] keys;
  private long[] counts;
  private int size;
  private int mask;

  IntCountMap(int initialCapacity) {
    allocate(Integer.highestOneBit(Math.max(16, initialCapacity) - 1) << 1);
  }

  private void allocate(int capacity) {
    keys = new int[capacity];
    counts = new long[capacity];
    mask = capacity - 1;
    size = 0;
  }

  void increment(int key) {
    int slot = slotOf(key);
    if (counts[slot] == 0) {
      keys[slot] = key;
      if (++size * 2 > keys.length) {
        counts[slot] = 1;
        grow();
        return;
      }
    }
    counts[slot]++;
  }

  int size() {
    return size;
  }

  /** Capacity of the internal arrays; entries are read by slot. */
  int capacity() {
    return keys.length;
  }

  /** Count at a slot, 0 when the slot is empty. */
  long countAt(int slot) {
    return counts[slot];
  }

  /** Key at a slot; meaningful only when {@link #countAt} is positive. */
  int keyAt(int slot) {
    return keys[slot];
  }

  void clear() {
    if (keys.length > 1 << 16) {
      allocate(1 << 16);
    } else {
      Arrays.fill(counts, 0);
      size = 0;
    }
  }

  private int slotOf(int key) {
    int h = key * 0x9E3779B9;
    int slot = (h ^ (h >>> 16)) & mask;
    while (counts[slot] != 0 && keys[slot] != key) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  private void grow() {
    int[] oldKeys = keys;
    long[] oldCounts = counts;
    allocate(keys.length * 2);
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldCounts[i] != 0) {
        int slot = slotOf(oldKeys[i]);
        keys[slot] = oldKeys[i];
        counts[slot] = oldCounts[i];
        size++;
      }
    }
  }
}
