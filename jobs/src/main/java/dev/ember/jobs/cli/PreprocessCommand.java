package dev.ember.jobs.cli;

import dev.ember.jobs.spark.SparkSessions;
import dev.ember.pipeline.preprocess.PreprocessJob;
import dev.ember.pipeline.preprocess.PreprocessOptions;
import dev.ember.pipeline.preprocess.PreprocessReport;

/** {@code ember preprocess}: raw Criteo TSV to training Parquet, vocabularies, rejects and metadata.json. */
final class PreprocessCommand implements Command {
    @Override
    public String name() {
        return "preprocess";
    }

    @Override
    public String summary() {
        return "parse Criteo TSV, quarantine bad rows, build vocabularies, split, write Parquet (Spark job)";
    }

    @Override
    public String usage() {
        return String.join("\n",
                "  --input PATH              file, folder or glob; plain or .gz; comma-separated list allowed (required)",
                "  --out DIR                 output folder (required)",
                "  --mode M                  vocabulary|hashing (default vocabulary)",
                "  --min-count N             rarer values share the reserved rare id (default 1)",
                "  --max-ind-range N         table size in hashing mode (default 10000000)",
                "  --split S                 kaggle|terabyte|random (default kaggle)",
                "  --test-fraction F  --validation-fraction F   shares of the random split (default 0.1 each)",
                "  --dense-offset F          dense transform log(max(x,0) + F) (default 1)",
                "  --max-reject-fraction F   fail when more lines than this are rejected (default 0.01)",
                "  --vocabulary DIR          reuse an existing vocabulary (a vocabulary/ folder or an --out folder)",
                "  --seed S                  seed of the random split (default 42)",
                "  --row-group-size BYTES    Parquet row group (default 64m)",
                "  --chunk-size BYTES        plain input is read in chunks of this size, one task each (default 64m)",
                "  --checksums B             SHA-256 of every input file into metadata.json: true|false (default true)");
    }

    @Override
    public String run(Flags flags) {
        PreprocessOptions options = PreprocessOptions.fromFlags(flags.asMap());
        PreprocessReport report = PreprocessJob.run(SparkSessions.getOrCreate("ember preprocess"), options);
        System.err.printf("read %,d lines, wrote %,d rows %s, rejected %s in %.1f s (%,.0f lines/s)%n",
                report.linesRead(), report.rowsWritten(), report.rows(), report.rejected(), report.seconds(),
                report.linesPerSecond());
        return JsonPaths.child(report.out(), "metadata.json");
    }
}
