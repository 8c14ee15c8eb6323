package dev.ember.pipeline.preprocess;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.StructType;

/**
 * DataFrames straight from Spark's internal rows. The tasks of this job fill one reused
 * {@code UnsafeRow} per line; a public {@link Row} would box every field and go through Spark's
 * converters, which cost as much as parsing the line. {@code internalCreateDataFrame} is
 * Spark-internal ({@code private[sql]} in Scala, public in bytecode) and belongs to the classic
 * session, the one with a SparkContext, which every job here needs anyway.
 */
final class InternalRows {
  private InternalRows() {}

  /** A DataFrame of {@code rows}, which must match {@code schema} field by field. */
  static Dataset<Row> dataFrame(SparkSession spark, JavaRDD<InternalRow> rows, StructType schema) {
    if (!(spark instanceof org.apache.spark.sql.classic.SparkSession classic)) {
      throw new IllegalStateException("ember preprocess needs a classic SparkSession (with a "
          + "SparkContext), got " + spark.getClass().getName());
    }
    return classic.internalCreateDataFrame(rows.rdd(), schema, false);
  }
}
