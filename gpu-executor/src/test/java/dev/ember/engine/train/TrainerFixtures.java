package dev.ember.engine.train;

import dev.ember.engine.cache.CacheConfig;
import dev.ember.engine.cache.CachePolicy;
import dev.ember.engine.data.PlantedDataGenerator;
import dev.ember.engine.data.PlantedDataSpec;
import dev.ember.engine.data.PlantedDataset;
import dev.ember.engine.embedding.EmbeddingCollection;
import dev.ember.engine.embedding.EmbeddingCollections;
import dev.ember.engine.embedding.EmbeddingConfig;
import dev.ember.engine.embedding.EmbeddingOptimizer;
import dev.ember.engine.format.Precision;
import dev.ember.engine.format.QParamsPrecision;
import dev.ember.engine.format.Rounding;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/** Small planted problems and engine collections shared by the trainer tests. */
final class TrainerFixtures {
    static final int TABLES = 4;
    static final int ROWS = 30;
    static final int DIM = 8;

    private TrainerFixtures() {
    }

    static PlantedDataSpec spec() {
        int[] rows = new int[TABLES];
        Arrays.fill(rows, ROWS);
        return new PlantedDataSpec(4, rows, 1, 0.8, -0.5, 0.6, 0.8, 0.5, 17);
    }

    static PlantedDataset dataset(int samples, long splitSeed) {
        return new PlantedDataGenerator(spec()).generate(samples, splitSeed);
    }

    static TrainConfig.Builder config() {
        return TrainConfig.builder().bottomMlp("4-16-8").topMlp("16-1").embeddingDim(DIM).batchSize(64)
                .learningRate(0.1).threads(2).progressIntervalSeconds(1000).seed(5);
    }

    static EmbeddingCollection collection(Precision precision, CacheConfig cache, EmbeddingOptimizer optimizer,
                                          int threads) {
        long[] rows = new long[TABLES];
        Arrays.fill(rows, ROWS);
        return EmbeddingCollections.create(new EmbeddingConfig(DIM, rows, precision, QParamsPrecision.FP16,
                Rounding.STOCHASTIC, cache, optimizer, 99, threads));
    }

    static EmbeddingCollection fp32(int threads) {
        return collection(Precision.FP32, CacheConfig.none(), EmbeddingOptimizer.SGD, threads);
    }

    static EmbeddingCollection int8Cached(int threads) {
        return collection(Precision.INT8, CacheConfig.ofLoadFactor(0.1, CachePolicy.LRU),
                EmbeddingOptimizer.ROWWISE_ADAGRAD, threads);
    }

    /** Dense parameters and the collection's full state, as bytes to compare bit for bit. */
    static byte[] modelBytes(Trainer trainer) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            for (float value : trainer.model().parameters()) {
                out.writeFloat(value);
            }
            trainer.optimizer().writeState(out);
            trainer.embeddings().writeState(out);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
