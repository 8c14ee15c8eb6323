package dev.ember.pipeline.criteo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Constants of the Criteo format and the Parquet schema the trainer reads. */
public final class CriteoFormat {
  /** Number of dense (integer count) features, I1..I13. */
  public static final int NUM_DENSE = 13;
  /** Number of categorical features, C1..C26. */
  public static final int NUM_CATEGORICAL = 26;
  /** Fields per line: label, 13 dense, 26 categorical. */
  public static final int NUM_FIELDS = 1 + NUM_DENSE + NUM_CATEGORICAL;

  /**
   * Distinct values per categorical column over the full Kaggle train.txt (45.8M rows), as used
   * by the DLRM reference for {@code --data-set=kaggle}.
   */
  private static final int[] KAGGLE_CARDINALITIES = {
    1460, 583, 10131227, 2202608, 305, 24, 12517, 633, 3, 93145, 5683, 8351593, 3194, 27, 14992,
    5461306, 10, 5652, 2173, 4, 7046547, 18, 15, 286181, 105, 142572};

  private CriteoFormat() {}

  /** Returns a copy of the 26 Kaggle cardinalities. */
  public static int[] kaggleCardinalities() {
    return KAGGLE_CARDINALITIES.clone();
  }

  /** Name of dense column {@code index} (0-based): I1..I13. */
  public static String denseName(int index) {
    return "I" + (index + 1);
  }

  /** Name of categorical column {@code index} (0-based): C1..C26. */
  public static String categoricalName(int index) {
    return "C" + (index + 1);
  }

  /** Parses "C1".."C26" into a 0-based index, naming the bad value otherwise. */
  public static int categoricalIndex(String name) {
    if (name != null && name.length() >= 2 && name.charAt(0) == 'C') {
      try {
        int index = Integer.parseInt(name.substring(1)) - 1;
        if (index >= 0 && index < NUM_CATEGORICAL) {
          return index;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    throw new IllegalArgumentException("Not a categorical column name: '" + name
        + "' (expected C1..C26)");
  }

  /** Column names in the order of the split schema: label, I1..I13, C1..C26. */
  public static List<String> columnNames() {
    List<String> names = new ArrayList<>(NUM_FIELDS);
    names.add("label");
    for (int i = 0; i < NUM_DENSE; i++) {
      names.add(denseName(i));
    }
    for (int i = 0; i < NUM_CATEGORICAL; i++) {
      names.add(categoricalName(i));
    }
    return Collections.unmodifiableList(names);
  }

  /**
   * The schema of train/validation/test: {@code label} INT32, {@code I1..I13} FLOAT,
   * {@code C1..C26} INT32, all non-null (written as Parquet REQUIRED).
   */
  public static StructType splitSchema() {
    List<StructField> fields = new ArrayList<>(NUM_FIELDS);
    fields.add(DataTypes.createStructField("label", DataTypes.IntegerType, false));
    for (int i = 0; i < NUM_DENSE; i++) {
      fields.add(DataTypes.createStructField(denseName(i), DataTypes.FloatType, false));
    }
    for (int i = 0; i < NUM_CATEGORICAL; i++) {
      fields.add(DataTypes.createStructField(categoricalName(i), DataTypes.IntegerType, false));
    }
    return DataTypes.createStructType(fields);
  }

  /** The schema of the rejects dataset: file, line (1-based), reason, raw line. */
  public static StructType rejectSchema() {
    return DataTypes.createStructType(List.of(
        DataTypes.createStructField("file", DataTypes.StringType, false),
        DataTypes.createStructField("line", DataTypes.LongType, false),
        DataTypes.createStructField("reason", DataTypes.StringType, false),
        DataTypes.createStructField("raw", DataTypes.StringType, false)));
  }
}
