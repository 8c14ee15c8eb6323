package dev.ember.jobs.cli;

import dev.ember.engine.data.Batch;
import dev.ember.jobs.feed.ParquetBatchSource;
import dev.ember.jobs.output.ResultsFile;
import dev.ember.jobs.train.DatasetLayout;
import dev.ember.pipeline.flags.FlagReader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;

/**
 * {@code ember bench-feed}: how fast the Parquet feed delivers shuffled training batches on its own, to check
 * that reading does not bound training (compare with the samples/s of {@code ember train}).
 */
final class BenchFeedCommand implements Command {
    private static final Set<String> FLAGS = Set.of("data", "batch-size", "epochs", "shuffle-buffer-rows", "out");

    @Override
    public String name() {
        return "bench-feed";
    }

    @Override
    public String summary() {
        return "measure the Parquet batch feed alone (rows/s), no training";
    }

    @Override
    public String usage() {
        return String.join("\n",
                "  --data DIR                 output of ember preprocess (required)",
                "  --batch-size N             (default 128)   --epochs N (default 3; the first warms up)",
                "  --shuffle-buffer-rows N    (default 262144)",
                "  --out FILE                 results JSON (default runs/bench-feed.json)");
    }

    @Override
    public String run(Flags flags) throws Exception {
        FlagReader reader = new FlagReader("bench-feed", flags.asMap(), FLAGS);
        DatasetLayout layout = DatasetLayout.read(reader.requiredString("data"), new Configuration());
        int batchSize = reader.intInRange("batch-size", 128, 1, 1 << 20);
        int epochs = reader.intInRange("epochs", 3, 1, 1000);
        double best = 0;
        long rows = 0;
        try (ParquetBatchSource source = new ParquetBatchSource(layout.trainFiles(), layout.numDense(),
                layout.numTables(), true, 1, reader.intInRange("shuffle-buffer-rows", 262_144, 1, 1 << 28))) {
            for (int epoch = 0; epoch < epochs; epoch++) {
                long start = System.nanoTime();
                long checksum = 0;
                rows = 0;
                source.startEpoch(epoch);
                for (Batch batch = source.next(batchSize); batch != null; batch = source.next(batchSize)) {
                    rows += batch.size();
                    checksum += batch.sparse().indices(0)[0];
                }
                double rowsPerSecond = rows / ((System.nanoTime() - start) / 1e9);
                best = Math.max(best, rowsPerSecond);
                System.err.printf("epoch %d: %,d rows, %,.0f rows/s (checksum %d)%n", epoch, rows, rowsPerSecond,
                        checksum);
            }
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("command", "bench-feed");
        figures.put("data", layout.root());
        figures.put("rowsPerEpoch", rows);
        figures.put("batchSize", batchSize);
        figures.put("bestRowsPerSecond", best);
        return ResultsFile.write(Path.of(reader.optionalString("out", "runs/bench-feed.json")), figures).toString();
    }
}
