package dev.ember.engine.train;

import dev.ember.engine.model.DotInteraction;
import dev.ember.engine.model.LayerSizes;
import dev.ember.engine.optim.DenseOptimizerType;
import dev.ember.engine.optim.LearningRateSchedule;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Training settings, validated on construction (messages name the field and the bad value). Defaults
 * ({@link #defaults()}) are the DLRM Kaggle reference: bottom 13-512-256-64-16, top 512-256-1, dim 16, SGD,
 * lr 0.1, batch 128, one epoch. {@code topMlp} lists the top layers only; its input size is derived
 * ({@link #topInputSize}). {@code validationIntervalSteps = 0} validates at the end of each epoch only;
 * {@code checkpointIntervalSteps = 0} checkpoints at the end only; {@code maxSteps = 0} means no cap.
 */
public record TrainConfig(String bottomMlp, String topMlp, int embeddingDim, int batchSize, int epochs,
                          double learningRate, long lrWarmupSteps, long lrDecayStartStep, long lrDecaySteps,
                          DenseOptimizerType denseOptimizer, boolean interactionSelf, long seed, int threads,
                          long validationIntervalSteps, Path checkpointDir, long checkpointIntervalSteps,
                          double progressIntervalSeconds, long maxSteps) {

    public TrainConfig {
        LayerSizes bottom = LayerSizes.parse(bottomMlp, "bottomMlp");
        int[] top = LayerSizes.parseList(topMlp, "topMlp");
        requireAtLeast("embeddingDim", embeddingDim, 1);
        if (bottom.outputSize() != embeddingDim) {
            throw new IllegalArgumentException("bottomMlp '" + bottomMlp + "' must end in embeddingDim = "
                    + embeddingDim + ", ends in " + bottom.outputSize());
        }
        if (top[top.length - 1] != 1) {
            throw new IllegalArgumentException("topMlp '" + topMlp + "' must end in 1 (the logit), ends in "
                    + top[top.length - 1]);
        }
        requireAtLeast("batchSize", batchSize, 1);
        requireAtLeast("epochs", epochs, 1);
        requireAtLeast("threads", threads, 1);
        requireAtLeast("validationIntervalSteps", validationIntervalSteps, 0);
        requireAtLeast("checkpointIntervalSteps", checkpointIntervalSteps, 0);
        requireAtLeast("maxSteps", maxSteps, 0);
        if (denseOptimizer == null) {
            throw new IllegalArgumentException("denseOptimizer must be one of SGD, ADAGRAD, ADAM, got null");
        }
        if (!(progressIntervalSeconds >= 0) || Double.isInfinite(progressIntervalSeconds)) {
            throw new IllegalArgumentException("progressIntervalSeconds must be finite and >= 0, got "
                    + progressIntervalSeconds);
        }
        new LearningRateSchedule(learningRate, lrWarmupSteps, lrDecayStartStep, lrDecaySteps);
    }

    private static void requireAtLeast(String field, long value, long minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException(field + " must be >= " + minimum + ", got " + value);
        }
    }

    /** The DLRM Kaggle reference settings, with as many threads as processors. */
    public static TrainConfig defaults() {
        return new TrainConfig("13-512-256-64-16", "512-256-1", 16, 128, 1, 0.1, 0, 0, 0,
                DenseOptimizerType.SGD, false, 123, Runtime.getRuntime().availableProcessors(), 0, null, 0,
                5.0, 0);
    }

    public static Builder builder() {
        return new Builder(defaults());
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public LayerSizes bottomSizes() {
        return LayerSizes.parse(bottomMlp, "bottomMlp");
    }

    public int[] topLayerSizes() {
        return LayerSizes.parseList(topMlp, "topMlp");
    }

    /** The top MLP's input size for {@code numTables} tables: {@code embeddingDim} plus the interaction pairs. */
    public int topInputSize(int numTables) {
        return embeddingDim + DotInteraction.numPairs(numTables + 1, interactionSelf);
    }

    public LearningRateSchedule schedule() {
        return new LearningRateSchedule(learningRate, lrWarmupSteps, lrDecayStartStep, lrDecaySteps);
    }

    /**
     * A digest of the settings that determine the trained model (architecture, optimizer, schedule, batch,
     * seed). Threads, intervals, paths, epochs and maxSteps are left out: changing them does not change
     * the steps already taken, so a resumed run may change them.
     */
    public String fingerprint() {
        String canonical = String.join("|", "bottom=" + bottomSizes(), "top=" + topMlp.trim(),
                "dim=" + embeddingDim, "batch=" + batchSize, "lr=" + Double.toHexString(learningRate),
                "warmup=" + lrWarmupSteps, "decayStart=" + lrDecayStartStep, "decaySteps=" + lrDecaySteps,
                "optimizer=" + denseOptimizer, "self=" + interactionSelf, "seed=" + seed);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Mutable builder; {@link #build()} validates. */
    public static final class Builder {
        private String bottomMlp;
        private String topMlp;
        private int embeddingDim;
        private int batchSize;
        private int epochs;
        private double learningRate;
        private long lrWarmupSteps;
        private long lrDecayStartStep;
        private long lrDecaySteps;
        private DenseOptimizerType denseOptimizer;
        private boolean interactionSelf;
        private long seed;
        private int threads;
        private long validationIntervalSteps;
        private Path checkpointDir;
        private long checkpointIntervalSteps;
        private double progressIntervalSeconds;
        private long maxSteps;

        private Builder(TrainConfig from) {
            bottomMlp = from.bottomMlp();
            topMlp = from.topMlp();
            embeddingDim = from.embeddingDim();
            batchSize = from.batchSize();
            epochs = from.epochs();
            learningRate = from.learningRate();
            lrWarmupSteps = from.lrWarmupSteps();
            lrDecayStartStep = from.lrDecayStartStep();
            lrDecaySteps = from.lrDecaySteps();
            denseOptimizer = from.denseOptimizer();
            interactionSelf = from.interactionSelf();
            seed = from.seed();
            threads = from.threads();
            validationIntervalSteps = from.validationIntervalSteps();
            checkpointDir = from.checkpointDir();
            checkpointIntervalSteps = from.checkpointIntervalSteps();
            progressIntervalSeconds = from.progressIntervalSeconds();
            maxSteps = from.maxSteps();
        }

        public Builder bottomMlp(String value) {
            bottomMlp = value;
            return this;
        }

        public Builder topMlp(String value) {
            topMlp = value;
            return this;
        }

        public Builder embeddingDim(int value) {
            embeddingDim = value;
            return this;
        }

        public Builder batchSize(int value) {
            batchSize = value;
            return this;
        }

        public Builder epochs(int value) {
            epochs = value;
            return this;
        }

        public Builder learningRate(double value) {
            learningRate = value;
            return this;
        }

        public Builder lrWarmupSteps(long value) {
            lrWarmupSteps = value;
            return this;
        }

        public Builder lrDecayStartStep(long value) {
            lrDecayStartStep = value;
            return this;
        }

        public Builder lrDecaySteps(long value) {
            lrDecaySteps = value;
            return this;
        }

        public Builder denseOptimizer(DenseOptimizerType value) {
            denseOptimizer = value;
            return this;
        }

        public Builder interactionSelf(boolean value) {
            interactionSelf = value;
            return this;
        }

        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public Builder threads(int value) {
            threads = value;
            return this;
        }

        public Builder validationIntervalSteps(long value) {
            validationIntervalSteps = value;
            return this;
        }

        public Builder checkpointDir(Path value) {
            checkpointDir = value;
            return this;
        }

        public Builder checkpointIntervalSteps(long value) {
            checkpointIntervalSteps = value;
            return this;
        }

        public Builder progressIntervalSeconds(double value) {
            progressIntervalSeconds = value;
            return this;
        }

        public Builder maxSteps(long value) {
            maxSteps = value;
            return this;
        }

        public TrainConfig build() {
            return new TrainConfig(bottomMlp, topMlp, embeddingDim, batchSize, epochs, learningRate, lrWarmupSteps, lrDecayStartStep, lrDecaySteps, denseOptimizer, interactionSelf, seed, threads, validationIntervalSteps, checkpointDir, checkpointIntervalSteps, progressIntervalSeconds, maxSteps);
        }
    }
}
