package dev.ember.jobs.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The one place Ember builds its SparkSession. Under spark-submit the master and every setting come from
 * there; run directly (bin/ember, tests) Spark is embedded as {@code local[*]} with a quiet, small-data setup.
 */
public final class SparkSessions {
    private SparkSessions() {
    }

    public static SparkSession getOrCreate(String appName) {
        SparkConf conf = new SparkConf(true);
        boolean embedded = !conf.contains("spark.master");
        SparkSession.Builder builder = SparkSession.builder().appName(appName);
        if (embedded) {
            int cores = Runtime.getRuntime().availableProcessors();
            builder.master("local[*]")
                    .config("spark.ui.enabled", "false")
                    .config("spark.ui.showConsoleProgress", "false")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1");
            if (!conf.contains("spark.sql.shuffle.partitions")) {
                builder.config("spark.sql.shuffle.partitions", String.valueOf(Math.max(4, 2 * cores)));
            }
        }
        return builder.getOrCreate();
    }

    /** True when this JVM runs Spark in local mode (one executor inside the driver). */
    public static boolean isLocal(SparkSession spark) {
        return spark.sparkContext().isLocal();
    }
}
