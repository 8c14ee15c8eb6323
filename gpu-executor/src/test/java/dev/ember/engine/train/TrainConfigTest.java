package dev.ember.engine.train;

import dev.ember.engine.optim.DenseOptimizerType;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TrainConfigTest {

    @Test
    void defaultsAreTheDlrmKaggleReference() {
        TrainConfig config = TrainConfig.defaults();
        assertEquals("13-512-256-64-16", config.bottomMlp());
        assertEquals("512-256-1", config.topMlp());
        assertEquals(16, config.embeddingDim());
        assertEquals(128, config.batchSize());
        assertEquals(1, config.epochs());
        assertEquals(0.1, config.learningRate());
        assertEquals(DenseOptimizerType.SGD, config.denseOptimizer());
        assertNull(config.checkpointDir());
        assertEquals(367, config.topInputSize(26));
        assertEquals(16 + 27 * 28 / 2, config.toBuilder().interactionSelf(true).build().topInputSize(26));
    }

    private static String error(TrainConfig.Builder builder) {
        return assertThrows(IllegalArgumentException.class, builder::build).getMessage();
    }

    @Test
    void messagesNameTheFieldAndTheValue() {
        assertEquals("batchSize must be >= 1, got 0", error(TrainConfig.builder().batchSize(0)));
        assertEquals("epochs must be >= 1, got -2", error(TrainConfig.builder().epochs(-2)));
        assertEquals("threads must be >= 1, got 0", error(TrainConfig.builder().threads(0)));
        assertEquals("learningRate must be finite and > 0, got 0.0", error(TrainConfig.builder().learningRate(0)));
        assertEquals("bottomMlp '13-512-256-64-32' must end in embeddingDim = 16, ends in 32",
                error(TrainConfig.builder().bottomMlp("13-512-256-64-32")));
        assertEquals("topMlp '512-256-2' must end in 1 (the logit), ends in 2",
                error(TrainConfig.builder().topMlp("512-256-2")));
        assertEquals("Invalid topMlp '512-a-1': 'a' is not an integer (expected sizes like 13-512-256)",
                error(TrainConfig.builder().topMlp("512-a-1")));
        assertEquals("progressIntervalSeconds must be finite and >= 0, got NaN",
                error(TrainConfig.builder().progressIntervalSeconds(Double.NaN)));
        assertEquals("Learning-rate warm-up must finish before the decay starts: lrDecayStartStep=10 < lrWarmupSteps=20",
                error(TrainConfig.builder().lrWarmupSteps(20).lrDecayStartStep(10).lrDecaySteps(5)));
    }

    @Test
    void fingerprintCoversTheModelButNotTheRunSettings() {
        TrainConfig base = TrainConfig.defaults();
        String fingerprint = base.fingerprint();
        assertEquals(fingerprint, base.toBuilder().threads(7).epochs(3).maxSteps(100).checkpointDir(Path.of("x"))
                .checkpointIntervalSteps(9).validationIntervalSteps(4).progressIntervalSeconds(1).build()
                .fingerprint());
        assertNotEquals(fingerprint, base.toBuilder().seed(1).build().fingerprint());
        assertNotEquals(fingerprint, base.toBuilder().batchSize(2048).build().fingerprint());
        assertNotEquals(fingerprint, base.toBuilder().denseOptimizer(DenseOptimizerType.ADAM).build().fingerprint());
        assertNotEquals(fingerprint, base.toBuilder().interactionSelf(true).build().fingerprint());
    }
}
