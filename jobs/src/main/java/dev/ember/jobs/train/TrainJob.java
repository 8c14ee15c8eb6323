package dev.ember.jobs.train;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ember.jobs.output.ResultsFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * {@code ember train}: trains DLRM on a preprocessed data folder inside a Spark executor task (in local mode
 * the one executor lives in this JVM), then writes {@code results.json} to {@code --out}.
 */
public final class TrainJob {
    private TrainJob() {
    }

    public static TrainOutcome run(SparkSession spark, TrainOptions options) throws IOException {
        DatasetLayout layout = DatasetLayout.read(options.data(), spark.sparkContext().hadoopConfiguration());
        TrainerTask task = new TrainerTask(options, layout);
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        context.setJobDescription("ember train " + options.precision() + " cache " + options.cacheLoadFactor());
        List<TrainOutcome> outcomes = context.parallelize(List.of(0), 1).map(ignored -> task.call()).collect();
        TrainOutcome outcome = outcomes.get(0);
        Path resultsFile = Path.of(options.out(), "results.json");
        ObjectNode json = ResultsFile.mapper().valueToTree(outcome.withResultsFile(resultsFile.toAbsolutePath()
                .toString()));
        json.put("command", "train");
        json.set("options", ResultsFile.mapper().valueToTree(options));
        json.set("data", ResultsFile.mapper().valueToTree(layout));
        ResultsFile.write(resultsFile, json);
        return outcome.withResultsFile(resultsFile.toAbsolutePath().toString());
    }
}
