package dev.ember.engine.train;

import dev.ember.engine.data.InMemoryBatchSource;
import dev.ember.engine.data.PlantedDataset;
import dev.ember.engine.optim.DenseOptimizerType;
import dev.ember.engine.train.checkpoint.CorruptCheckpointException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Kill-and-resume bit identity, and rejection of damaged or foreign checkpoints. */
class ResumeTest {
    private static final PlantedDataset TRAIN = TrainerFixtures.dataset(1_000, 1);

    /** Thrown by a progress listener to simulate a crash at a given step. */
    private static final class SimulatedCrash extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SimulatedCrash(long step) {
            super("simulated crash at step " + step);
        }
    }

    private static InMemoryBatchSource source() {
        return new InMemoryBatchSource(TRAIN.data(), 3, 250);
    }

    /** 2 epochs of 16 batches (the last one short), INT8 + cache + row-wise Adagrad, Adam, warm-up and decay. */
    private static TrainConfig config(Path checkpoints) {
        return TrainerFixtures.config().epochs(2).denseOptimizer(DenseOptimizerType.ADAM).learningRate(0.01)
                .lrWarmupSteps(5).lrDecayStartStep(10).lrDecaySteps(15).checkpointDir(checkpoints)
                .checkpointIntervalSteps(5).progressIntervalSeconds(0).build();
    }

    @Test
    void resumedRunEndsBitIdenticalToAnUninterruptedOne(@TempDir Path temp) throws IOException {
        byte[] uninterrupted;
        TrainingReport full;
        try (Trainer trainer = new Trainer(config(temp.resolve("a")), TrainerFixtures.int8Cached(2))) {
            full = trainer.train(source(), null);
            uninterrupted = TrainerFixtures.modelBytes(trainer);
        }
        assertEquals(32, full.steps());
        Path checkpoints = temp.resolve("b");
        try (Trainer trainer = new Trainer(config(checkpoints), TrainerFixtures.int8Cached(2))) {
            trainer.setProgressListener(event -> {
                if (event.step() == 23) {
                    throw new SimulatedCrash(event.step());
                }
            });
            assertThrows(SimulatedCrash.class, () -> trainer.train(source(), null));
        }
        try (Stream<Path> entries = Files.list(checkpoints)) {
            assertEquals(List.of("checkpoint-000000000020"),
                    entries.map(path -> path.getFileName().toString()).toList(), "only the latest is kept");
        }
        // A different thread count is allowed: results do not depend on it.
        TrainConfig resumedConfig = config(checkpoints).toBuilder().threads(1).build();
        try (Trainer trainer = Trainer.resume(resumedConfig, TrainerFixtures.int8Cached(1), checkpoints)) {
            assertEquals(20, trainer.position().step());
            assertEquals(1, trainer.position().epoch());
            assertEquals(4, trainer.position().batchesInEpoch());
            TrainingReport resumed = trainer.train(source(), null);
            assertEquals(32, resumed.steps());
            assertEquals(full.samples(), resumed.samples());
            assertArrayEquals(uninterrupted, TrainerFixtures.modelBytes(trainer));
        }
    }

    private static Path trainAndCheckpoint(Path root) {
        try (Trainer trainer = new Trainer(config(root).toBuilder().maxSteps(6).build(), TrainerFixtures.fp32(1))) {
            trainer.train(source(), null);
        }
        return root.resolve("checkpoint-000000000006");
    }

    private static CorruptCheckpointException resumeFails(Path root) {
        return assertThrows(CorruptCheckpointException.class,
                () -> Trainer.resume(config(root), TrainerFixtures.fp32(1), root).close());
    }

    @Test
    void flippedByteIsRejectedNamingTheFile(@TempDir Path temp) throws IOException {
        Path checkpoint = trainAndCheckpoint(temp);
        Path embeddings = checkpoint.resolve("embeddings.bin");
        try (RandomAccessFile file = new RandomAccessFile(embeddings.toFile(), "rw")) {
            file.seek(file.length() / 2);
            int value = file.read();
            file.seek(file.length() / 2);
            file.write(value ^ 0x10);
        }
        CorruptCheckpointException e = resumeFails(temp);
        assertTrue(e.getMessage().contains(embeddings.toString()) && e.getMessage().contains("corrupted"),
                e.getMessage());
    }

    @Test
    void truncatedFileIsRejectedNamingTheFile(@TempDir Path temp) throws IOException {
        Path checkpoint = trainAndCheckpoint(temp);
        Path dense = checkpoint.resolve("dense.bin");
        try (RandomAccessFile file = new RandomAccessFile(dense.toFile(), "rw")) {
            file.setLength(file.length() - 7);
        }
        CorruptCheckpointException e = resumeFails(temp);
        assertTrue(e.getMessage().contains(dense.toString()) && e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void editedOrMissingManifestIsRejected(@TempDir Path temp) throws IOException {
        Path checkpoint = trainAndCheckpoint(temp);
        Path manifest = checkpoint.resolve("manifest.txt");
        Files.writeString(manifest, Files.readString(manifest).replace("step=6", "step=7"));
        assertTrue(resumeFails(temp).getMessage().contains("manifest.txt is corrupted"));
        Files.delete(manifest);
        assertTrue(resumeFails(checkpoint).getMessage().contains("manifest.txt is missing"));
    }

    @Test
    void checkpointOfAnotherConfigurationIsRejected(@TempDir Path temp) {
        trainAndCheckpoint(temp);
        TrainConfig other = config(temp).toBuilder().learningRate(0.02).build();
        CorruptCheckpointException e = assertThrows(CorruptCheckpointException.class,
                () -> Trainer.resume(other, TrainerFixtures.fp32(1), temp).close());
        assertTrue(e.getMessage().contains("config fingerprint"), e.getMessage());
    }
}
