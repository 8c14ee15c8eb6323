package dev.ember.engine.train;

import dev.ember.engine.data.Batch;
import dev.ember.engine.data.BatchSource;
import dev.ember.engine.embedding.EmbeddingCollection;
import dev.ember.engine.metrics.EvaluationMetrics;
import dev.ember.engine.metrics.MetricsAccumulator;
import dev.ember.engine.model.DataParallelDlrm;
import dev.ember.engine.model.DlrmModel;
import dev.ember.engine.model.Mlp;
import dev.ember.engine.parallel.WorkerPool;
import dev.ember.engine.optim.DenseOptimizer;
import dev.ember.engine.optim.LearningRateSchedule;
import dev.ember.engine.train.checkpoint.CheckpointPosition;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Trains DLRM: per batch, the embedding collection's forward (cache populate and sum pooling), the dense
 * step ({@link DataParallelDlrm}: MLPs, interaction, loss, backward, dense optimizer), then the collection's
 * backward with the same learning rate. Embeddings always go through the collection, so FP32 and
 * mixed-precision runs share one code path. Deterministic: the same config and data give the same model
 * bit for bit, for any thread count, and a run resumed from a checkpoint ends identical to an
 * uninterrupted one.
 */
public final class Trainer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Trainer.class.getName());
    private static final AtomicBoolean BLAS_LOGGED = new AtomicBoolean();

    private final TrainConfig config;
    private final EmbeddingCollection embeddings;
    private final DlrmModel model;
    private final WorkerPool pool;
    private final DataParallelDlrm dense;
    private final DenseOptimizer optimizer;
    private final LearningRateSchedule schedule;
    private final float[] pooled;
    private final float[] pooledGrad;
    private final float[] logits;
    private final List<CurvePoint> curve = new ArrayList<>();
    private ProgressListener listener = ProgressListener.toStandardError();
    private CheckpointPosition position = new CheckpointPosition(0, 0, 0, 0);
    /** Training-loss points per epoch on the curve, besides validations: enough to draw it. */
    private static final int CURVE_POINTS_PER_EPOCH = 50;
    private long curveIntervalSteps = 1;
    private double curveWindowLoss;
    private long curveWindowSteps;
    private double lastWindowLoss = Double.NaN;
    private long lastCheckpointStep = -1;

    /** A fresh model (DLRM initialization from {@code config.seed()}) over {@code embeddings}. */
    public Trainer(TrainConfig config, EmbeddingCollection embeddings) {
        if (embeddings.embeddingDim() != config.embeddingDim()) {
            throw new IllegalArgumentException("The embedding collection has embeddingDim "
                    + embeddings.embeddingDim() + ", the config says " + config.embeddingDim());
        }
        this.config = config;
        this.embeddings = embeddings;
        this.model = new DlrmModel(config.bottomSizes(), config.topLayerSizes(), embeddings.numTables(),
                config.embeddingDim(), config.interactionSelf());
        model.initialize(config.seed());
        this.pool = new WorkerPool(config.threads(), "ember-dense");
        this.dense = new DataParallelDlrm(model, pool, config.batchSize());
        this.optimizer = config.denseOptimizer().create(model.numParameters());
        this.schedule = config.schedule();
        int pooledSize = config.batchSize() * embeddings.numTables() * config.embeddingDim();
        this.pooled = new float[pooledSize];
        this.pooledGrad = new float[pooledSize];
        this.logits = new float[config.batchSize()];
        logBlasOnce();
    }

    /** A trainer restored from a checkpoint directory (or a root holding {@code checkpoint-*} directories). */
    public static Trainer resume(TrainConfig config, EmbeddingCollection embeddings, Path checkpoint)
            throws IOException {
        Trainer trainer = new Trainer(config, embeddings);
        trainer.restore(checkpoint);
        return trainer;
    }

    private static void logBlasOnce() {
        if (BLAS_LOGGED.compareAndSet(false, true)) {
            String blas = Mlp.blasImplementation();
            String hint = blas.startsWith("JNI") ? (System.getenv("OPENBLAS_NUM_THREADS") == null
                    ? " (native; set OPENBLAS_NUM_THREADS=1, Ember splits the work itself)" : " (native)")
                    : " (pure Java: install libopenblas0 for native BLAS)";
            LOG.log(System.Logger.Level.INFO, "Dense math through " + blas + hint);
        }
    }

    public void setProgressListener(ProgressListener progressListener) {
        this.listener = progressListener == null ? event -> { } : progressListener;
    }

    public TrainConfig config() {
        return config;
    }

    public DlrmModel model() {
        return model;
    }

    public EmbeddingCollection embeddings() {
        return embeddings;
    }

    public DenseOptimizer optimizer() {
        return optimizer;
    }

    public CheckpointPosition position() {
        return position;
    }

    /** Trains until {@code config.epochs()} epochs (or {@code maxSteps} steps) are done. */
    public TrainingReport train(BatchSource train, BatchSource validationOrNull) {
        checkSource(train, "train");
        if (validationOrNull != null) {
            checkSource(validationOrNull, "validation");
        }
        long sessionStartSamples = position.samples();
        long stepsPerEpoch = (train.numSamples() + config.batchSize() - 1) / config.batchSize();
        curveIntervalSteps = Math.max(1, (stepsPerEpoch + CURVE_POINTS_PER_EPOCH - 1) / CURVE_POINTS_PER_EPOCH);
        ProgressTracker tracker = new ProgressTracker(embeddings, config.progressIntervalSeconds(),
                plannedSamples(train), sessionStartSamples);
        boolean capped = false;
        for (int epoch = position.epoch(); epoch < config.epochs() && !capped; epoch++) {
            train.startEpoch(epoch);
            skipConsumedBatches(train, epoch);
            capped = trainEpoch(train, validationOrNull, epoch, tracker);
            if (!capped) {
                position = new CheckpointPosition(position.step(), epoch + 1, 0, position.samples());
                addCurvePoint(validationOrNull);
            }
        }
        if (curveWindowSteps > 0) {
            addCurvePoint(null);
        }
        if (config.checkpointDir() != null && lastCheckpointStep != position.step()) {
            checkpoint(config.checkpointDir());
        }
        double seconds = tracker.elapsedSeconds();
        long sessionSamples = position.samples() - sessionStartSamples;
        return new TrainingReport(position.step(), position.samples(), seconds,
                seconds > 0 ? sessionSamples / seconds : 0.0, lastWindowLoss, curve, embeddings.memoryReport(),
                embeddings.statistics());
    }

    /** Returns true when training stopped at {@code maxSteps}. */
    private boolean trainEpoch(BatchSource train, BatchSource validation, int epoch, ProgressTracker tracker) {
        while (true) {
            if (config.maxSteps() > 0 && position.step() >= config.maxSteps()) {
                return true;
            }
            Batch batch = train.next(config.batchSize());
            if (batch == null) {
                return false;
            }
            float learningRate = schedule.rate(position.step());
            double loss = step(batch, learningRate);
            position = new CheckpointPosition(position.step() + 1, epoch, position.batchesInEpoch() + 1,
                    position.samples() + batch.size());
            curveWindowLoss += loss;
            curveWindowSteps++;
            ProgressEvent event = tracker.afterStep(position.step(), epoch, position.samples(), loss, learningRate);
            if (event != null) {
                listener.onProgress(event);
            }
            long step = position.step();
            if (config.validationIntervalSteps() > 0 && step % config.validationIntervalSteps() == 0) {
                addCurvePoint(validation);
            } else if (step % curveIntervalSteps == 0) {
                addCurvePoint(null);
            }
            if (config.checkpointDir() != null && config.checkpointIntervalSteps() > 0
                    && step % config.checkpointIntervalSteps() == 0) {
                checkpoint(config.checkpointDir());
            }
        }
    }

    /**
     * One training step outside {@link #train} (benchmarks, callers that feed batches themselves): advances the
     * step and sample counters; the data position within an epoch is then the caller's business.
     *
     * @return the batch's mean loss before the update
     */
    public double trainStep(Batch batch) {
        if (batch.size() > config.batchSize() || batch.numDense() != model.numDense()
                || batch.sparse().numTables() != model.numTables()) {
            throw new IllegalArgumentException("Batch of " + batch.size() + " samples, " + batch.numDense()
                    + " dense features and " + batch.sparse().numTables() + " tables; the trainer takes at most "
                    + config.batchSize() + " samples with " + model.numDense() + " and " + model.numTables());
        }
        double loss = step(batch, schedule.rate(position.step()));
        position = new CheckpointPosition(position.step() + 1, position.epoch(), position.batchesInEpoch(),
                position.samples() + batch.size());
        return loss;
    }

    /** One training step on {@code batch}; returns its mean loss. */
    private double step(Batch batch, float learningRate) {
        int size = batch.size();
        long step = position.step();
        embeddings.forward(step, batch.sparse(), pooled);
        double loss = dense.trainStep(size, batch.dense(), batch.labels(), pooled, pooledGrad, optimizer,
                learningRate);
        if (!Double.isFinite(loss)) {
            throw new IllegalStateException("Training diverged at step " + step + ": loss " + loss
                    + " (learning rate " + learningRate + ")");
        }
        embeddings.backward(step, batch.sparse(), pooledGrad, learningRate);
        return loss;
    }

    private void skipConsumedBatches(BatchSource train, int epoch) {
        for (long b = 0; b < position.batchesInEpoch(); b++) {
            if (train.next(config.batchSize()) == null) {
                throw new IllegalStateException("The checkpoint has consumed " + position.batchesInEpoch()
                        + " batches of epoch " + epoch + ", but the train source ends after " + b);
            }
        }
    }

    private void addCurvePoint(BatchSource validation) {
        CurvePoint last = curve.isEmpty() ? null : curve.get(curve.size() - 1);
        if (last != null && last.step() == position.step()) {
            if (validation != null && last.validationAuc() == null) {
                // A training-loss point was just taken at this step (an epoch's last step): validate it in place.
                EvaluationMetrics metrics = evaluate(validation);
                curve.set(curve.size() - 1, new CurvePoint(last.step(), last.trainLoss(), metrics.auc(),
                        metrics.logLoss()));
            }
            return;
        }
        double trainLoss = curveWindowSteps == 0 ? Double.NaN : curveWindowLoss / curveWindowSteps;
        if (curveWindowSteps > 0) {
            lastWindowLoss = trainLoss;
        }
        Double auc = null;
        Double logLoss = null;
        if (validation != null) {
            EvaluationMetrics metrics = evaluate(validation);
            auc = metrics.auc();
            logLoss = metrics.logLoss();
        }
        if (curveWindowSteps > 0 || validation != null) {
            curve.add(new CurvePoint(position.step(), trainLoss, auc, logLoss));
        }
        curveWindowLoss = 0;
        curveWindowSteps = 0;
    }

    /** Metrics of the current model on a whole split (embedding lookups change no state). */
    public EvaluationMetrics evaluate(BatchSource test) {
        checkSource(test, "test");
        MetricsAccumulator accumulator = new MetricsAccumulator();
        test.startEpoch(0);
        for (Batch batch = test.next(config.batchSize()); batch != null; batch = test.next(config.batchSize())) {
            embeddings.lookup(batch.sparse(), pooled);
            dense.predict(batch.size(), batch.dense(), pooled, logits);
            accumulator.add(logits, 0, batch.labels(), 0, batch.size());
        }
        return accumulator.result();
    }

    /** Writes a checkpoint of the current state under {@code root} and returns its directory. */
    public Path checkpoint(Path root) {
        try {
            Path written = TrainerCheckpoints.write(this, root, curve);
            lastCheckpointStep = position.step();
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write a checkpoint under " + root + ": " + e.getMessage(), e);
        }
    }

    /** Restores model, tables, cache, optimizer state, curve and data position from a checkpoint. */
    public void restore(Path checkpoint) throws IOException {
        TrainerCheckpoints.Restored restored = TrainerCheckpoints.read(this, checkpoint);
        position = restored.position();
        curve.clear();
        curve.addAll(restored.curve());
        lastCheckpointStep = position.step();
        curveWindowLoss = 0;
        curveWindowSteps = 0;
    }

    private long plannedSamples(BatchSource train) {
        long perEpoch = train.numSamples();
        long total = perEpoch * config.epochs();
        if (config.maxSteps() > 0) {
            total = Math.min(total, config.maxSteps() * config.batchSize());
        }
        return total;
    }

    private void checkSource(BatchSource source, String split) {
        if (source.numDense() != model.numDense() || source.numTables() != model.numTables()) {
            throw new IllegalArgumentException("The " + split + " source has " + source.numDense() + " dense features and "
                    + source.numTables() + " tables; the model expects " + model.numDense() + " and "
                    + model.numTables());
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
