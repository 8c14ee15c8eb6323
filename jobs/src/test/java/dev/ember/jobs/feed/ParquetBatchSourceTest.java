package dev.ember.jobs.feed;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ember.engine.data.Batch;
import dev.ember.jobs.spark.TestSpark;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetBatchSourceTest {
    private static final int ROWS = 5_000;
    @TempDir
    static Path temp;
    private static List<String> files;

    /** Row r: label r % 2, I_j = r + j / 100, C_t = (r * t) % 997: every value says which row it came from. */
    @BeforeAll
    static void writeSplit() throws IOException {
        SparkSession spark = TestSpark.session();
        List<Column> columns = new ArrayList<>();
        columns.add(col("id").mod(2).cast("int").as("label"));
        for (int j = 1; j <= 13; j++) {
            columns.add(col("id").plus(j / 100.0).cast("float").as("I" + j));
        }
        for (int t = 1; t <= 26; t++) {
            columns.add(col("id").multiply(t).mod(997).cast("int").as("C" + t));
        }
        Path out = temp.resolve("train");
        spark.range(ROWS).select(columns.toArray(new Column[0])).repartition(3).sortWithinPartitions("id")
                .write().option("parquet.block.size", 16 * 1024).parquet(out.toString());
        try (Stream<Path> listing = Files.list(out)) {
            files = listing.filter(p -> p.getFileName().toString().endsWith(".parquet")).map(Path::toString).sorted()
                    .toList();
        }
        assertEquals(3, files.size());
    }

    private static List<Integer> readEpoch(ParquetBatchSource source, int epoch, int batchSize) {
        List<Integer> rows = new ArrayList<>();
        source.startEpoch(epoch);
        for (Batch batch = source.next(batchSize); batch != null; batch = source.next(batchSize)) {
            assertTrue(batch.size() <= batchSize);
            for (int b = 0; b < batch.size(); b++) {
                int row = Math.round(batch.dense()[b * 13] - 0.01f);
                assertEquals(row % 2, (int) batch.labels()[b]);
                assertEquals(row + 0.13f, batch.dense()[b * 13 + 12], 1e-3f);
                for (int t = 0; t < 26; t++) {
                    assertEquals((row * (t + 1)) % 997, batch.sparse().indices(t)[b]);
                    assertEquals(b, batch.sparse().offsets(t)[b]);
                }
                rows.add(row);
            }
        }
        return rows;
    }

    @Test
    void everyRowOnceWithTheRightValues() {
        try (ParquetBatchSource source = new ParquetBatchSource(files, 13, 26, true, 7, 1_000)) {
            assertEquals(ROWS, source.numSamples());
            List<Integer> rows = readEpoch(source, 0, 128);
            assertEquals(ROWS, rows.size());
            assertEquals(ROWS, rows.stream().distinct().count());
        }
    }

    @Test
    void orderDependsOnlyOnSeedAndEpoch() {
        try (ParquetBatchSource a = new ParquetBatchSource(files, 13, 26, true, 7, 1_000);
             ParquetBatchSource b = new ParquetBatchSource(files, 13, 26, true, 7, 1_000);
             ParquetBatchSource c = new ParquetBatchSource(files, 13, 26, true, 8, 1_000)) {
            List<Integer> epoch0 = readEpoch(a, 0, 100);
            assertEquals(epoch0, readEpoch(b, 0, 100), "same seed, same epoch");
            assertEquals(epoch0, readEpoch(a, 0, 100), "restarting an epoch replays it");
            assertFalse(epoch0.equals(readEpoch(a, 1, 100)), "another epoch is shuffled differently");
            assertFalse(epoch0.equals(readEpoch(c, 0, 100)), "another seed is shuffled differently");
        }
    }

    @Test
    void withoutShuffleRowsComeInFileOrder() {
        try (ParquetBatchSource source = new ParquetBatchSource(files, 13, 26, false, 7, 1_000)) {
            List<Integer> rows = readEpoch(source, 0, 333);
            assertEquals(ROWS, rows.size());
            int descents = 0;
            for (int i = 1; i < rows.size(); i++) {
                descents += rows.get(i) < rows.get(i - 1) ? 1 : 0;
            }
            assertTrue(descents <= files.size() - 1, "ids ascend within each of the 3 files, got " + descents
                    + " descents");
            assertNull(source.next(10), "the epoch is over");
        }
    }

    @Test
    void aFileWithoutTheTrainingColumnsIsNamedInTheError() throws IOException {
        Path other = temp.resolve("other");
        TestSpark.session().range(10).write().parquet(other.toString());
        List<String> wrong;
        try (Stream<Path> listing = Files.list(other)) {
            wrong = listing.map(Path::toString).filter(p -> p.endsWith(".parquet")).toList();
        }
        try (ParquetBatchSource source = new ParquetBatchSource(wrong, 13, 26, true, 1, 100)) {
            source.startEpoch(0);
            UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> source.next(10));
            assertTrue(e.getCause().getMessage().contains("no column 'label'"), e.getCause().getMessage());
        }
    }
}
