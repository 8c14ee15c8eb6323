package dev.ember.engine.train;

import dev.ember.engine.data.InMemoryBatchSource;
import dev.ember.engine.data.PlantedDataGenerator;
import dev.ember.engine.data.PlantedDataSpec;
import dev.ember.engine.data.PlantedDataset;
import dev.ember.engine.embedding.EmbeddingCollection;
import dev.ember.engine.metrics.EvaluationMetrics;
import dev.ember.engine.optim.DenseOptimizerType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainerTest {
    private static final PlantedDataset TRAIN = TrainerFixtures.dataset(24_000, 1);
    private static final PlantedDataset TEST = TrainerFixtures.dataset(6_000, 2);

    private static InMemoryBatchSource source(PlantedDataset dataset) {
        return new InMemoryBatchSource(dataset.data(), 3, dataset.data().numSamples());
    }

    private static EvaluationMetrics trainAndTest(TrainConfig config, EmbeddingCollection collection) {
        try (Trainer trainer = new Trainer(config, collection)) {
            TrainingReport report = trainer.train(source(TRAIN), source(TEST));
            assertEquals((long) config.epochs() * TRAIN.data().numSamples(), report.samples());
            List<CurvePoint> validated = report.curve().stream().filter(p -> p.validationAuc() != null).toList();
            assertEquals(config.epochs(), validated.size(), "one validation per epoch");
            assertTrue(report.curve().size() > validated.size(), "training-loss points between validations");
            return trainer.evaluate(source(TEST));
        }
    }

    @Test
    void fp32LearnsPlantedDataCloseToTheBayesOptimalAuc() {
        EvaluationMetrics metrics = trainAndTest(TrainerFixtures.config().epochs(8).build(),
                TrainerFixtures.fp32(2));
        double bayes = TEST.bayesOptimalAuc();
        assertTrue(metrics.auc() > bayes - 0.015, "test AUC " + metrics.auc() + " vs Bayes-optimal " + bayes);
        assertEquals(metrics.observedCtr(), metrics.meanPredicted(), 0.02, "calibration");
    }

    @Test
    void int8WithCacheAndAdagradLearnsPlantedDataToo() {
        EvaluationMetrics metrics = trainAndTest(TrainerFixtures.config().epochs(3)
                .denseOptimizer(DenseOptimizerType.ADAGRAD).learningRate(0.05).build(),
                TrainerFixtures.int8Cached(2));
        double bayes = TEST.bayesOptimalAuc();
        assertTrue(metrics.auc() > bayes - 0.02, "test AUC " + metrics.auc() + " vs Bayes-optimal " + bayes);
    }

    @Test
    void multiHotBagsAreSumPooled() {
        PlantedDataSpec spec = new PlantedDataSpec(4, TrainerFixtures.spec().rowsPerTable(), 3, 0.8, -0.5, 0.6, 0.5,
                0.5, 17);
        PlantedDataset train = new PlantedDataGenerator(spec).generate(24_000, 1);
        PlantedDataset test = new PlantedDataGenerator(spec).generate(6_000, 2);
        try (Trainer trainer = new Trainer(TrainerFixtures.config().epochs(6).build(), TrainerFixtures.fp32(2))) {
            trainer.train(source(train), null);
            double auc = trainer.evaluate(source(test)).auc();
            assertTrue(auc > test.bayesOptimalAuc() - 0.02, "multi-hot test AUC " + auc + " vs Bayes-optimal "
                    + test.bayesOptimalAuc());
        }
    }

    @Test
    void bitIdenticalForAnyThreadCount() {
        TrainConfig config = TrainerFixtures.config().maxSteps(60).denseOptimizer(DenseOptimizerType.ADAM)
                .learningRate(0.01).build();
        byte[] reference = null;
        for (int threads : new int[] {1, 2, 3}) {
            try (Trainer trainer = new Trainer(config.toBuilder().threads(threads).build(),
                    TrainerFixtures.int8Cached(threads))) {
                trainer.train(source(TRAIN), null);
                byte[] bytes = TrainerFixtures.modelBytes(trainer);
                if (reference == null) {
                    reference = bytes;
                } else {
                    assertArrayEquals(reference, bytes, "model after training with " + threads + " threads");
                }
            }
        }
    }

    @Test
    void progressEventsAndValidationCurve() {
        TrainConfig config = TrainerFixtures.config().maxSteps(40).validationIntervalSteps(10)
                .progressIntervalSeconds(0).lrWarmupSteps(20).build();
        List<ProgressEvent> events = new ArrayList<>();
        try (Trainer trainer = new Trainer(config, TrainerFixtures.fp32(1))) {
            trainer.setProgressListener(events::add);
            TrainingReport report = trainer.train(source(TRAIN), source(TEST));
            assertEquals(40, report.steps());
            assertEquals(40 * 64, report.samples());
            List<CurvePoint> validated = report.curve().stream().filter(p -> p.validationAuc() != null).toList();
            assertEquals(List.of(10L, 20L, 30L, 40L), validated.stream().map(CurvePoint::step).toList());
            assertTrue(validated.stream().allMatch(point -> point.validationLogLoss() != null), validated.toString());
            assertTrue(report.curve().stream().allMatch(point -> Double.isFinite(point.trainLoss())),
                    report.curve().toString());
            assertTrue(validated.get(3).validationLogLoss() < validated.get(0).validationLogLoss(),
                    validated.toString());
            assertTrue(report.samplesPerSecond() > 0 && Double.isFinite(report.finalTrainLoss()));
            assertEquals(TrainerFixtures.TABLES, report.cacheStatistics().size());
            assertTrue(report.memory().totalBytes() > 0);
        }
        assertEquals(40, events.size());
        ProgressEvent first = events.get(0);
        assertEquals(1, first.step());
        assertEquals(0.1f / 20, first.learningRate(), 1e-9f);
        assertFalse(first.toLine().isEmpty());
        assertTrue(events.get(39).etaSeconds() >= 0);
    }

    @Test
    void rejectsSourcesAndCollectionsOfTheWrongShape() {
        TrainConfig config = TrainerFixtures.config().build();
        IllegalArgumentException dim = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(config.toBuilder().bottomMlp("4-16").embeddingDim(16).build(),
                        TrainerFixtures.fp32(1)));
        assertEquals("The embedding collection has embeddingDim 8, the config says 16", dim.getMessage());
        try (Trainer trainer = new Trainer(config.toBuilder().bottomMlp("5-8").build(), TrainerFixtures.fp32(1))) {
            IllegalArgumentException source = assertThrows(IllegalArgumentException.class,
                    () -> trainer.train(source(TRAIN), null));
            assertEquals("The train source has 4 dense features and 4 tables; the model expects 5 and 4",
                    source.getMessage());
        }
    }
}
