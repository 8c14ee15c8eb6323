package dev.ember.jobs.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ember.jobs.spark.TestSpark;
import dev.ember.pipeline.generate.GenerateJob;
import dev.ember.pipeline.generate.GenerateOptions;
import dev.ember.pipeline.preprocess.PreprocessJob;
import dev.ember.pipeline.preprocess.PreprocessOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The train job end to end through Spark: generated TSV, preprocessed Parquet, training in an executor task. */
class TrainJobTest {
    @TempDir
    static Path temp;
    private static Path data;

    @BeforeAll
    static void prepareData() {
        SparkSession spark = TestSpark.session();
        Path raw = temp.resolve("raw");
        GenerateJob.run(spark, GenerateOptions.fromFlags(Map.of("rows", "30000", "out", raw.toString(), "seed", "3")));
        data = temp.resolve("data");
        PreprocessJob.run(spark, PreprocessOptions.fromFlags(Map.of("input", raw.toString(), "out", data.toString())));
    }

    /** A small model so the test stays fast; the engine path is the same as for the Kaggle architecture. */
    private static TrainOptions options(String out, String... more) {
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put("data", data.toString());
        flags.put("out", temp.resolve(out).toString());
        flags.put("bottom-mlp", "13-32-16");
        flags.put("top-mlp", "32-1");
        flags.put("batch-size", "128");
        flags.put("threads", "2");
        for (int i = 0; i < more.length; i += 2) {
            flags.put(more[i], more[i + 1]);
        }
        return TrainOptions.fromFlags(flags);
    }

    @Test
    void trainsAndWritesResults() throws IOException {
        TrainOutcome fp32 = TrainJob.run(TestSpark.session(), options("fp32"));
        TrainOutcome int8 = TrainJob.run(TestSpark.session(), options("int8", "precision", "int8", "cache-ratio", "0.05"));

        assertTrue(fp32.test().auc() > 0.55, "FP32 learns something: AUC " + fp32.test().auc());
        assertTrue(int8.test().auc() > 0.55, "INT8 learns something: AUC " + int8.test().auc());
        assertEquals(1.0, fp32.memory().ratioVsFp32(), 1e-12);
        assertTrue(int8.memory().ratioVsFp32() >= 2.5, "INT8 + FP16 qparams + 5% cache: " + int8.memory());
        assertTrue(int8.cache().hitRate() > 0, "the cache is used: " + int8.cache());
        assertEquals(26, int8.tables().size());

        JsonNode json = new ObjectMapper().readTree(Files.readString(Path.of(int8.resultsFile())));
        assertEquals("train", json.get("command").asText());
        assertEquals(int8.test().auc(), json.get("test").get("auc").asDouble());
        assertEquals("INT8", json.get("options").get("precision").asText());
        assertTrue(json.get("curve").size() > 0);
    }

    @Test
    void sameSeedSameModelBitForBit() throws IOException {
        TrainOutcome first = TrainJob.run(TestSpark.session(), options("a", "precision", "int4", "cache-ratio", "0.01",
                "max-steps", "80"));
        TrainOutcome second = TrainJob.run(TestSpark.session(), options("b", "precision", "int4", "cache-ratio",
                "0.01", "max-steps", "80", "threads", "1"));
        assertEquals(first.test().logloss(), second.test().logloss(), 0.0, "1 and 2 threads, same seed");
        assertEquals(first.test().auc(), second.test().auc(), 0.0);
    }

    @Test
    void resumedRunEndsWhereAnUninterruptedOneDoes() throws IOException {
        Path checkpoints = temp.resolve("checkpoints");
        TrainOutcome straight = TrainJob.run(TestSpark.session(), options("straight", "precision", "int8",
                "cache-ratio", "0.05", "max-steps", "90"));
        TrainJob.run(TestSpark.session(), options("first-half", "precision", "int8", "cache-ratio", "0.05",
                "max-steps", "40", "checkpoint-dir", checkpoints.toString()));
        TrainOutcome resumed = TrainJob.run(TestSpark.session(), options("resumed", "precision", "int8",
                "cache-ratio", "0.05", "max-steps", "90", "resume", checkpoints.toString()));
        assertEquals(straight.test().logloss(), resumed.test().logloss(), 0.0);
        assertEquals(straight.test().auc(), resumed.test().auc(), 0.0);
    }
}
