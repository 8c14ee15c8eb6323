package dev.ember.jobs.quickstart;

import dev.ember.jobs.cli.Command;
import dev.ember.jobs.cli.Flags;
import dev.ember.jobs.cli.RunTable;
import dev.ember.jobs.output.ResultsFile;
import dev.ember.jobs.spark.SparkSessions;
import dev.ember.jobs.train.TrainJob;
import dev.ember.jobs.train.TrainOptions;
import dev.ember.jobs.train.TrainOutcome;
import dev.ember.pipeline.flags.FlagReader;
import dev.ember.pipeline.generate.GenerateJob;
import dev.ember.pipeline.generate.GenerateOptions;
import dev.ember.pipeline.generate.GenerateReport;
import dev.ember.pipeline.preprocess.PreprocessJob;
import dev.ember.pipeline.preprocess.PreprocessOptions;
import dev.ember.pipeline.preprocess.PreprocessReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * {@code ember quickstart}: the whole path on generated data in one Spark session: generate, preprocess,
 * train FP32, train INT8 with a 5% FP32 cache, and the two runs side by side.
 */
public final class QuickstartCommand implements Command {
    private static final Set<String> FLAGS = Set.of("out", "rows", "seed", "scale", "epochs", "threads");

    @Override
    public String name() {
        return "quickstart";
    }

    @Override
    public String summary() {
        return "generate -> preprocess -> train FP32 -> train INT8 + 5% cache, side by side";
    }

    @Override
    public String usage() {
        return String.join("\n",
                "  --out DIR      working folder; its raw/, data/, fp32/, int8-cache5/ are replaced (default runs/quickstart)",
                "  --rows N       generated lines (default " + QuickstartSize.ROWS + ")",
                "  --scale F      Kaggle cardinalities x F (default " + QuickstartSize.SCALE + ")",
                "  --epochs N     (default " + QuickstartSize.EPOCHS + ")    --seed S (default 1)    --threads N (0 = all cores)");
    }

    @Override
    public String run(Flags flags) throws Exception {
        FlagReader reader = new FlagReader("quickstart", flags.asMap(), FLAGS);
        Path out = Path.of(reader.optionalString("out", "runs/quickstart")).toAbsolutePath();
        long rows = reader.longInRange("rows", QuickstartSize.ROWS, 1_000, 1_000_000_000L);
        double scale = reader.doubleInRange("scale", QuickstartSize.SCALE, 1e-9, 1);
        String seed = String.valueOf(reader.longInRange("seed", 1, Long.MIN_VALUE, Long.MAX_VALUE));
        String epochs = String.valueOf(reader.intInRange("epochs", QuickstartSize.EPOCHS, 1, 1000));
        String threads = String.valueOf(reader.intInRange("threads", 0, 0, 4096));
        for (String folder : List.of("raw", "data", "fp32", "int8-cache5")) {
            deleteRecursively(out.resolve(folder));
        }
        SparkSession spark = SparkSessions.getOrCreate("ember quickstart");

        log("1/4 generate %,d Kaggle-shaped rows into %s", rows, out.resolve("raw"));
        GenerateOptions generateOptions = GenerateOptions.fromFlags(Map.of("rows", String.valueOf(rows),
                "out", out.resolve("raw").toString(), "seed", seed, "scale", String.valueOf(scale)));
        GenerateReport generated = GenerateJob.run(spark, generateOptions);

        log("2/4 preprocess with Spark into %s", out.resolve("data"));
        PreprocessReport preprocessed = PreprocessJob.run(spark, PreprocessOptions.fromFlags(Map.of(
                "input", out.resolve("raw").toString(), "out", out.resolve("data").toString())));

        Map<String, String> common = Map.of("data", out.resolve("data").toString(), "seed", seed, "epochs", epochs,
                "threads", threads);
        log("3/4 train FP32");
        TrainOutcome fp32 = TrainJob.run(spark, train(common, out.resolve("fp32"), "fp32", "0"));
        log("4/4 train INT8 + 5%% FP32 cache");
        TrainOutcome int8 = TrainJob.run(spark, train(common, out.resolve("int8-cache5"), "int8", "0.05"));

        String table = RunTable.format(List.of(RunTable.column("FP32", fp32), RunTable.column("INT8 + 5% cache", int8)));
        System.out.println();
        System.out.print(table);
        System.out.printf("Bayes-optimal test AUC of the generator: about %.4f%n%n", generated.bayesAuc());
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("command", "quickstart");
        figures.put("generate", generated);
        figures.put("preprocess", preprocessed);
        figures.put("fp32", fp32);
        figures.put("int8Cache5", int8);
        figures.put("aucDifference", int8.test().auc() - fp32.test().auc());
        figures.put("memoryRatio", int8.memory().ratioVsFp32());
        return ResultsFile.write(out.resolve("quickstart.json"), figures).toString();
    }

    private static TrainOptions train(Map<String, String> common, Path out, String precision, String cacheRatio) {
        Map<String, String> flags = new LinkedHashMap<>(common);
        flags.put("out", out.toString());
        flags.put("precision", precision);
        flags.put("cache-ratio", cacheRatio);
        return TrainOptions.fromFlags(flags);
    }

    private static void log(String format, Object... args) {
        System.err.printf("ember quickstart: " + format + "%n", args);
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
