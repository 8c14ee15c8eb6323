package dev.ember.pipeline.vocabulary;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Open-addressing map from any int key to a non-negative int value, linear probing, no boxing.
 * Used for broadcast vocabularies (tens of millions of entries at 8 bytes each plus slack). Key
 * and value share one array, side by side, so a lookup touches one cache line: with tables far
 * larger than the CPU caches, that halves the memory stalls of the transform's 26 lookups a row.
 */
public final class IntIntHashMap implements Serializable {
  private static final long serialVersionUID = 2L;
  private static final int EMPTY = -1;

  /** {@code slots[2 * s]} holds the key of slot s, {@code slots[2 * s + 1]} its value or EMPTY. */
  private int[] slots;
  private int size;
  private int mask;

  /** Creates a map sized for {@code expectedSize} entries at a load factor of at most 0.5. */
  public IntIntHashMap(int expectedSize) {
    if (expectedSize < 0) {
      throw new IllegalArgumentException("expectedSize must be >= 0, got " + expectedSize);
    }
    int capacity = Integer.highestOneBit(Math.max(4, expectedSize) * 2 - 1) << 1;
    allocate(capacity);
  }

  private void allocate(int capacity) {
    slots = new int[2 * capacity];
    Arrays.fill(slots, EMPTY);
    mask = capacity - 1;
    size = 0;
  }

  /** Sets the value of a key; the value must be >= 0. */
  public void put(int key, int value) {
    if (value < 0) {
      throw new IllegalArgumentException("value must be >= 0, got " + value + " for key " + key);
    }
    if ((size + 1) * 2 > slots.length / 2) {
      grow();
    }
    int slot = slotOf(key);
    if (slots[2 * slot + 1] == EMPTY) {
      slots[2 * slot] = key;
      size++;
    }
    slots[2 * slot + 1] = value;
  }

  /** Returns the value of the key, or {@code absent} when the key is not in the map. */
  public int get(int key, int absent) {
    int value = slots[2 * slotOf(key) + 1];
    return value == EMPTY ? absent : value;
  }

  /** Number of keys. */
  public int size() {
    return size;
  }

  private int slotOf(int key) {
    int[] table = slots;
    int slot = mix(key) & mask;
    while (table[2 * slot + 1] != EMPTY && table[2 * slot] != key) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  private void grow() {
    int[] old = slots;
    allocate(slots.length);
    for (int i = 0; i < old.length; i += 2) {
      if (old[i + 1] != EMPTY) {
        put(old[i], old[i + 1]);
      }
    }
  }

  static int mix(int key) {
    int h = key * 0x9E3779B9;
    return h ^ (h >>> 16);
  }
}
