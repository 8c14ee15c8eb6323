package dev.ember.jobs.train;

import dev.ember.engine.cache.CacheConfig;
import dev.ember.engine.embedding.CacheStatistics;
import dev.ember.engine.embedding.EmbeddingCollection;
import dev.ember.engine.embedding.EmbeddingCollections;
import dev.ember.engine.embedding.EmbeddingConfig;
import dev.ember.engine.embedding.MemoryReport;
import dev.ember.engine.metrics.EvaluationMetrics;
import dev.ember.engine.train.TrainConfig;
import dev.ember.engine.train.Trainer;
import dev.ember.engine.train.TrainingReport;
import dev.ember.jobs.feed.ParquetBatchSource;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.TaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The body of the training task that runs on a Spark executor: builds the embedding engine and the DLRM
 * trainer, feeds it the Parquet splits, evaluates on the test split and returns the figures to the driver.
 * Serializable so Spark can ship it; all heavy state is created inside {@link #call}.
 */
final class TrainerTask implements Serializable {
    private static final Logger LOG = LoggerFactory.getLogger(TrainerTask.class);

    private final TrainOptions options;
    private final DatasetLayout layout;

    TrainerTask(TrainOptions options, DatasetLayout layout) {
        this.options = options;
        this.layout = layout;
    }

    TrainOutcome call() throws Exception {
        int threads = resolveThreads();
        EmbeddingConfig embeddingConfig = embeddingConfig(threads);
        TrainConfig trainConfig = trainConfig(threads);
        LOG.info("Training {} on {} thread(s): {}", layout, threads, embeddingConfig);
        try (EmbeddingCollection embeddings = EmbeddingCollections.create(embeddingConfig);
             Trainer trainer = options.resume() == null ? new Trainer(trainConfig, embeddings)
                     : Trainer.resume(trainConfig, embeddings, Path.of(options.resume()));
             ParquetBatchSource train = source(layout.trainFiles(), true);
             ParquetBatchSource validation = layout.validationFiles().isEmpty() ? null
                     : source(layout.validationFiles(), false);
             ParquetBatchSource test = source(layout.testFiles(), false)) {
            trainer.setProgressListener(event -> LOG.info(event.toLine()));
            TrainingReport report = trainer.train(train, validation);
            EvaluationMetrics metrics = trainer.evaluate(test);
            LOG.info("Test: AUC {} logloss {} accuracy {} over {} samples", metrics.auc(), metrics.logLoss(),
                    metrics.accuracy(), metrics.count());
            return outcome(report, metrics, threads);
        }
    }

    private ParquetBatchSource source(List<String> files, boolean shuffle) {
        return new ParquetBatchSource(files, layout.numDense(), layout.numTables(), shuffle, options.seed(),
                options.shuffleBufferRows());
    }

    /** All cores of the machine in local mode; on a cluster the task's CPUs (set spark.task.cpus). */
    private int resolveThreads() {
        if (options.threads() > 0) {
            return options.threads();
        }
        TaskContext task = TaskContext.get();
        boolean local = task == null || "driver".equals(org.apache.spark.SparkEnv.get().executorId());
        return local ? Runtime.getRuntime().availableProcessors() : Math.max(1, task.cpus());
    }

    EmbeddingConfig embeddingConfig(int threads) {
        CacheConfig cache = new CacheConfig(options.cacheLoadFactor(), options.cacheRows(), options.cachePolicy(),
                options.cacheWays(), options.cacheShared());
        return new EmbeddingConfig(options.embeddingDim(), layout.cardinalities(), options.precision(),
                options.qparams(), options.rounding(), cache, options.embeddingOptimizer(), options.seed(), threads);
    }

    TrainConfig trainConfig(int threads) {
        return TrainConfig.builder()
                .bottomMlp(options.bottomMlp()).topMlp(options.topMlp()).embeddingDim(options.embeddingDim())
                .batchSize(options.batchSize()).epochs(options.epochs()).learningRate(options.learningRate())
                .lrWarmupSteps(options.lrWarmupSteps()).lrDecayStartStep(options.lrDecayStartStep())
                .lrDecaySteps(options.lrDecaySteps()).denseOptimizer(options.denseOptimizer())
                .interactionSelf(options.interactionSelf()).seed(options.seed()).threads(threads)
                .validationIntervalSteps(options.validationIntervalSteps())
                .checkpointDir(options.checkpointDir() == null ? null : Path.of(options.checkpointDir()))
                .checkpointIntervalSteps(options.checkpointIntervalSteps())
                .progressIntervalSeconds(options.progressSeconds()).maxSteps(options.maxSteps())
                .build();
    }

    private TrainOutcome outcome(TrainingReport report, EvaluationMetrics metrics, int threads) {
        MemoryReport memory = report.memory();
        long rowBytes = 0;
        long qparamBytes = 0;
        long slotBytes = 0;
        long metadataBytes = 0;
        long optimizerBytes = 0;
        for (MemoryReport.TableMemory table : memory.tables()) {
            rowBytes += table.rowBytes();
            qparamBytes += table.qparamBytes();
            slotBytes += table.cacheSlotBytes();
            metadataBytes += table.cacheMetadataBytes();
            optimizerBytes += table.optimizerStateBytes();
        }
        CacheStatistics all = new CacheStatistics("all", 0, 0, 0, 0, 0);
        List<TrainOutcome.TableFigures> tables = new ArrayList<>();
        for (int t = 0; t < report.cacheStatistics().size(); t++) {
            CacheStatistics s = report.cacheStatistics().get(t);
            all = all.plus(s);
            long bytes = t < memory.tables().size() ? memory.tables().get(t).totalBytes() : 0;
            tables.add(new TrainOutcome.TableFigures(s.table(), layout.cardinalities()[t], bytes, s.hitRate(),
                    s.uniqueMisses(), s.conflictMisses(), s.evictions()));
        }
        List<TrainOutcome.CurvePoint> curve = report.curve().stream().map(p -> new TrainOutcome.CurvePoint(p.step(),
                p.step() * options.batchSize(), p.trainLoss(), orNaN(p.validationAuc()), orNaN(p.validationLogLoss())))
                .toList();
        return new TrainOutcome(name(options.precision()), name(options.qparams()), name(options.rounding()),
                options.cacheLoadFactor(), name(options.cachePolicy()), options.seed(),
                new TrainOutcome.Metrics(metrics.count(), metrics.auc(), metrics.logLoss(), metrics.accuracy(),
                        metrics.meanPredicted(), metrics.observedCtr()),
                new TrainOutcome.Memory(memory.totalBytes(), memory.fp32Bytes(), memory.ratioVsFp32(), rowBytes,
                        qparamBytes, slotBytes, metadataBytes, optimizerBytes),
                new TrainOutcome.Cache(all.hitRate(), all.lookups(), all.uniqueRows(), all.uniqueMisses(),
                        all.conflictMisses(), all.evictions()),
                new TrainOutcome.Speed(report.steps(), report.samples(), report.seconds(), report.samplesPerSecond(),
                        "cpu", threads),
                curve, tables, null);
    }

    private static double orNaN(Double value) {
        return value == null ? Double.NaN : value;
    }

    private static String name(Enum<?> value) {
        return value.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
