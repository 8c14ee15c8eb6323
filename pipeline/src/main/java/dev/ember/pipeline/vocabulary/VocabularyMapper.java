package dev.ember.pipeline.vocabulary;

import dev.ember.pipeline.criteo.CriteoFormat;

/**
 * Vocabulary lookup: id 0 for a missing value, id 1 for a value that is rare or not in the
 * vocabulary, ids 2.. for kept values (by descending frequency when the vocabulary was built).
 */
public final class VocabularyMapper implements CategoricalMapper {
  private static final long serialVersionUID = 1L;
  /** Reserved id of an empty field. */
  public static final int MISSING_ID = 0;
  /** Reserved id of a value seen fewer than min-count times or never seen. */
  public static final int RARE_ID = 1;
  /** Number of reserved ids. */
  public static final int RESERVED_IDS = 2;

  private final IntIntHashMap[] maps;
  private final int[] cardinalities;

  /**
   * @param maps one map per column from value to id (ids >= 2)
   * @param cardinalities per column: max id + 1, at least 2
   */
  public VocabularyMapper(IntIntHashMap[] maps, int[] cardinalities) {
    if (maps.length != CriteoFormat.NUM_CATEGORICAL
        || cardinalities.length != CriteoFormat.NUM_CATEGORICAL) {
      throw new IllegalArgumentException("expected " + CriteoFormat.NUM_CATEGORICAL
          + " columns, got " + maps.length + " maps and " + cardinalities.length + " sizes");
    }
    this.maps = maps.clone();
    this.cardinalities = cardinalities.clone();
  }

  @Override
  public int id(int column, int value, boolean missing) {
    return missing ? MISSING_ID : maps[column].get(value, RARE_ID);
  }

  @Override
  public int[] cardinalities() {
    return cardinalities.clone();
  }
}
