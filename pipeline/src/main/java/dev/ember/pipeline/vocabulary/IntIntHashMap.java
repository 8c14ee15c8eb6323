package dev.ember.pipeline.vocabulary;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Open-addressing map from any int key to a non-negative int value, linear probing, no boxing.
 * Used for broadcast vocabularies (tens of millions of entries at 8 bytes each plus slack).
 */
public final class IntIntHashMap implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final int EMPTY = -1;

  private int[] keys;
  private int[] values;
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
    keys = new int[capacity];
    values = new int[capacity];
    Arrays.fill(values, EMPTY);
    mask = capacity - 1;
    size = 0;
  }

  /** Sets the value of a key; the value must be >= 0. */
  public void put(int key, int value) {
    if (value < 0) {
      throw new IllegalArgumentException("value must be >= 0, got " + value + " for key " + key);
    }
    if ((size + 1) * 2 > keys.length) {
      grow();
    }
    int slot = slotOf(key);
    if (values[slot] == EMPTY) {
      keys[slot] = key;
      size++;
    }
    values[slot] = value;
  }

  /** Returns the value of the key, or {@code absent} when the key is not in the map. */
  public int get(int key, int absent) {
    int value = values[slotOf(key)];
    return value == EMPTY ? absent : value;
  }

  /** Number of keys. */
  public int size() {
    return size;
  }

  private int slotOf(int key) {
    int slot = mix(key) & mask;
    while (values[slot] != EMPTY && keys[slot] != key) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  private void grow() {
    int[] oldKeys = keys;
    int[] oldValues = values;
    allocate(keys.length * 2);
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldValues[i] != EMPTY) {
        put(oldKeys[i], oldValues[i]);
      }
    }
  }

  static int mix(int key) {
    int h = key * 0x9E3779B9;
    return h ^ (h >>> 16);
  }
}
