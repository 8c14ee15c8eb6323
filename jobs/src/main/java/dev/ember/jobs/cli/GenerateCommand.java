package dev.ember.jobs.cli;

import dev.ember.jobs.spark.SparkSessions;
import dev.ember.pipeline.generate.GenerateJob;
import dev.ember.pipeline.generate.GenerateOptions;
import dev.ember.pipeline.generate.GenerateReport;

/** {@code ember generate}: Kaggle-shaped synthetic click logs with known true click probabilities. */
final class GenerateCommand implements Command {
    @Override
    public String name() {
        return "generate";
    }

    @Override
    public String summary() {
        return "write Kaggle-format synthetic TSV with a hidden label model (Spark job)";
    }

    @Override
    public String usage() {
        return String.join("\n",
                "  --rows N             lines to generate (default 100000)",
                "  --out DIR            output folder, absent or empty (required)",
                "  --seed S             data and label-model seed (default 42)",
                "  --scale F            Kaggle cardinalities x F, in (0, 1] (default 0.001)",
                "  --files N            part files, one Spark task each (0 = one per million rows)",
                "  --compression C      none|gzip (default none)",
                "  --positive-rate F    share of clicks (default 0.25)");
    }

    @Override
    public String run(Flags flags) {
        GenerateOptions options = GenerateOptions.fromFlags(flags.asMap());
        GenerateReport report = GenerateJob.run(SparkSessions.getOrCreate("ember generate"), options);
        System.err.printf("generated %,d rows in %d file(s) in %.1f s; Bayes-optimal AUC %.4f%n", report.rows(),
                report.files(), report.seconds(), report.bayesAuc());
        return JsonPaths.child(report.out(), "generator.json");
    }
}
