package dev.ember.jobs.train;

import dev.ember.engine.cache.CachePolicy;
import dev.ember.engine.embedding.EmbeddingOptimizer;
import dev.ember.engine.format.Precision;
import dev.ember.engine.format.QParamsPrecision;
import dev.ember.engine.format.Rounding;
import dev.ember.engine.optim.DenseOptimizerType;
import dev.ember.pipeline.flags.FlagReader;
import java.io.Serializable;
import java.util.Map;
import java.util.Set;

/**
 * Everything {@code ember train} can be told, validated once on the driver and shipped to the executor task
 * (hence plain, serializable fields). Defaults are the DLRM Kaggle reference setup; see docs/configuration.md.
 */
public record TrainOptions(
        String data, String out, Precision precision, QParamsPrecision qparams, Rounding rounding,
        double cacheLoadFactor, long cacheRows, CachePolicy cachePolicy, int cacheWays, boolean cacheShared,
        int embeddingDim, String bottomMlp, String topMlp, int batchSize, int epochs, double learningRate,
        int lrWarmupSteps, int lrDecayStartStep, int lrDecaySteps, DenseOptimizerType denseOptimizer,
        EmbeddingOptimizer embeddingOptimizer,
        boolean interactionSelf, long seed, int threads, int validationIntervalSteps, String checkpointDir,
        int checkpointIntervalSteps, String resume, long maxSteps, int shuffleBufferRows, int progressSeconds,
        int executors) implements Serializable {

    public static final Set<String> FLAGS = Set.of("data", "out", "precision", "qparams", "rounding", "cache-ratio",
            "cache-rows", "cache-policy", "cache-ways", "cache-shared", "embedding-dim", "bottom-mlp", "top-mlp",
            "batch-size", "epochs", "learning-rate", "lr-warmup-steps", "lr-decay-start-step", "lr-decay-steps",
            "dense-optimizer", "embedding-optimizer", "interaction-self", "seed", "threads", "validation-interval",
            "checkpoint-dir", "checkpoint-interval", "resume", "max-steps", "shuffle-buffer-rows", "progress-seconds",
            "executors");

    public static final String USAGE = String.join("\n",
            "  --data DIR                 output of ember preprocess (required)",
            "  --out DIR                  where results.json and the model go (default runs/train)",
            "  --precision P              fp32|fp16|int8|int4|int2 (default fp32)",
            "  --qparams Q                fp16|fp32 per-row scale and bias of INTn rows (default fp16)",
            "  --rounding R               stochastic|nearest (default stochastic)",
            "  --cache-ratio F            FP32 cache as a fraction of the rows (of all tables, or of each table), 0..1 (default 0)",
            "  --cache-rows N             FP32 cache rows in all, or per table when not shared (overrides --cache-ratio)",
            "  --cache-policy P           lru|lfu (default lru)",
            "  --cache-ways W             set associativity (default 32)",
            "  --cache-shared B           one cache for all tables (true) or one per table: true|false (default true)",
            "  --embedding-dim D          (default 16)",
            "  --bottom-mlp S             e.g. 13-512-256-64-16 (last size = embedding dim)",
            "  --top-mlp S                e.g. 512-256-1 (input size is derived)",
            "  --batch-size N             (default 128)     --epochs N (default 1)",
            "  --learning-rate F          (default 0.1)",
            "  --lr-warmup-steps N  --lr-decay-start-step N  --lr-decay-steps N   as DLRM's flags",
            "  --dense-optimizer O        sgd|adagrad|adam (default sgd)",
            "  --embedding-optimizer O    sgd|rowwise-adagrad (default sgd)",
            "  --interaction-self B       include self-interaction: true|false (default false)",
            "  --seed S                   (default 1)       --threads N (0 = all cores)",
            "  --validation-interval N    steps between validations (0 = end of each epoch)",
            "  --checkpoint-dir DIR  --checkpoint-interval N   write checkpoints every N steps",
            "  --resume DIR               continue from a checkpoint directory",
            "  --max-steps N              stop after N steps (0 = no cap)",
            "  --shuffle-buffer-rows N    rows shuffled together (default 262144)",
            "  --progress-seconds N       seconds between progress lines (default 5)",
            "  --executors N              training tasks (default 1; only 1 is supported so far)",
            "  --preset FILE              defaults from a properties file, e.g. conf/default.properties");

    public static TrainOptions fromFlags(Map<String, String> flags) {
        FlagReader r = new FlagReader("train", flags, FLAGS);
        Precision precision = r.enumValue("precision", Precision.class, Precision.FP32);
        // FP16 qparams (4 bytes a row) are the paper's compact layout; the memory targets are quoted with them.
        QParamsPrecision qparams = r.enumValue("qparams", QParamsPrecision.class, QParamsPrecision.FP16);
        Rounding rounding = r.enumValue("rounding", Rounding.class, Rounding.STOCHASTIC);
        CachePolicy cachePolicy = r.enumValue("cache-policy", CachePolicy.class, CachePolicy.LRU);
        DenseOptimizerType denseOptimizer = r.enumValue("dense-optimizer", DenseOptimizerType.class,
                DenseOptimizerType.SGD);
        EmbeddingOptimizer embeddingOptimizer = r.enumValue("embedding-optimizer", EmbeddingOptimizer.class,
                EmbeddingOptimizer.SGD);
        int embeddingDim = r.intInRange("embedding-dim", 16, 1, 4096);
        int executors = r.intInRange("executors", 1, 1, 1_000_000);
        if (executors != 1) {
            throw new IllegalArgumentException("Invalid value for --executors of 'train': '" + executors
                    + "' (only 1 training task is supported so far; distributed sync rounds are not built yet)");
        }
        return new TrainOptions(
                r.requiredString("data"), r.optionalString("out", "runs/train"), precision, qparams, rounding,
                r.doubleInRange("cache-ratio", 0.0, 0.0, 1.0), r.longInRange("cache-rows", -1, -1, Long.MAX_VALUE),
                cachePolicy, r.intInRange("cache-ways", 32, 1, Integer.MAX_VALUE), bool(r, "cache-shared", true),
                embeddingDim, r.optionalString("bottom-mlp", "13-512-256-64-" + embeddingDim),
                r.optionalString("top-mlp", "512-256-1"), r.intInRange("batch-size", 128, 1, 1 << 20),
                r.intInRange("epochs", 1, 1, 10_000), r.doubleInRange("learning-rate", 0.1, 0.0, 1e6),
                r.intInRange("lr-warmup-steps", 0, 0, Integer.MAX_VALUE),
                r.intInRange("lr-decay-start-step", 0, 0, Integer.MAX_VALUE),
                r.intInRange("lr-decay-steps", 0, 0, Integer.MAX_VALUE), denseOptimizer, embeddingOptimizer,
                bool(r, "interaction-self", false), r.longInRange("seed", 1, Long.MIN_VALUE, Long.MAX_VALUE),
                r.intInRange("threads", 0, 0, 4096), r.intInRange("validation-interval", 0, 0, Integer.MAX_VALUE),
                r.optionalString("checkpoint-dir", null), r.intInRange("checkpoint-interval", 0, 0, Integer.MAX_VALUE),
                r.optionalString("resume", null), r.longInRange("max-steps", 0, 0, Long.MAX_VALUE),
                r.intInRange("shuffle-buffer-rows", 262_144, 1, 1 << 28), r.intInRange("progress-seconds", 5, 1, 86_400),
                executors);
    }

    private static boolean bool(FlagReader r, String key, boolean defaultValue) {
        String value = r.optionalString(key, String.valueOf(defaultValue)).toLowerCase(java.util.Locale.ROOT);
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException("Invalid value for --" + key + " of 'train': '" + value
                    + "' (expected true or false)");
        }
        return Boolean.parseBoolean(value);
    }
}
