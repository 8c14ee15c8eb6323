package dev.ember.engine.train;

import dev.ember.engine.train.checkpoint.CheckpointPosition;
import dev.ember.engine.train.checkpoint.CheckpointStore;
import dev.ember.engine.train.checkpoint.CorruptCheckpointException;
import dev.ember.engine.train.checkpoint.VerifiedCheckpoint;

import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The trainer's checkpoint files: {@code dense.bin} (dense parameters and dense optimizer state),
 * {@code embeddings.bin} (the collection's {@code writeState}: tables, FP32 cache contents, cache metadata,
 * embedding optimizer state), {@code trainer.bin} (the curve so far) and {@code config.txt} (the effective
 * config, for people). The manifest holds the position
 * (step = random state, epoch, batches consumed) and the config fingerprint.
 */
final class TrainerCheckpoints {
    static final String DENSE_FILE = "dense.bin";
    static final String EMBEDDINGS_FILE = "embeddings.bin";
    static final String TRAINER_FILE = "trainer.bin";
    /** The effective config in readable form, for people; verified like the other files but not parsed. */
    static final String CONFIG_FILE = "config.txt";
    private static final int DENSE_MAGIC = 0x454D4244; // "EMBD"
    private static final int TRAINER_MAGIC = 0x454D5452; // "EMTR"

    record Restored(CheckpointPosition position, List<CurvePoint> curve) {
    }

    private TrainerCheckpoints() {
    }

    static Path write(Trainer trainer, Path root, List<CurvePoint> curve) throws IOException {
        Map<String, CheckpointStore.StateWriter> files = new LinkedHashMap<>();
        files.put(DENSE_FILE, out -> writeDense(trainer, out));
        files.put(EMBEDDINGS_FILE, out -> trainer.embeddings().writeState(out));
        files.put(TRAINER_FILE, out -> writeCurve(curve, out));
        files.put(CONFIG_FILE, out -> out.write((trainer.config() + "\nembeddings: " + trainer.embeddings().numTables()
                + " tables of dim " + trainer.embeddings().embeddingDim() + "\n").getBytes(StandardCharsets.UTF_8)));
        return new CheckpointStore(root).write(trainer.position(), trainer.config().fingerprint(), files);
    }

    private static void writeDense(Trainer trainer, DataOutput out) throws IOException {
        float[] params = trainer.model().parameters();
        out.writeInt(DENSE_MAGIC);
        out.writeInt(params.length);
        for (float value : params) {
            out.writeFloat(value);
        }
        trainer.optimizer().writeState(out);
    }

    private static void writeCurve(List<CurvePoint> curve, DataOutput out) throws IOException {
        out.writeInt(TRAINER_MAGIC);
        out.writeInt(curve.size());
        for (CurvePoint point : curve) {
            out.writeLong(point.step());
            out.writeDouble(point.trainLoss());
            out.writeDouble(point.validationAuc() == null ? Double.NaN : point.validationAuc());
            out.writeDouble(point.validationLogLoss() == null ? Double.NaN : point.validationLogLoss());
        }
    }

    static Restored read(Trainer trainer, Path path) throws IOException {
        VerifiedCheckpoint checkpoint = CheckpointStore.open(path);
        String expected = trainer.config().fingerprint();
        if (!expected.equals(checkpoint.configFingerprint())) {
            throw new CorruptCheckpointException("Checkpoint " + checkpoint.directory()
                    + " was written for config fingerprint " + checkpoint.configFingerprint() + ", this run's is "
                    + expected + " (architecture, optimizer, learning-rate schedule, batch size or seed differ)");
        }
        try (DataInputStream in = checkpoint.open(DENSE_FILE)) {
            readDense(trainer, in, checkpoint.directory().resolve(DENSE_FILE));
        } catch (EOFException e) {
            throw truncated(checkpoint, DENSE_FILE);
        }
        try (DataInputStream in = checkpoint.open(EMBEDDINGS_FILE)) {
            trainer.embeddings().readState(in);
        } catch (EOFException e) {
            throw truncated(checkpoint, EMBEDDINGS_FILE);
        }
        try (DataInputStream in = checkpoint.open(TRAINER_FILE)) {
            return new Restored(checkpoint.position(), readCurve(in, checkpoint.directory().resolve(TRAINER_FILE)));
        } catch (EOFException e) {
            throw truncated(checkpoint, TRAINER_FILE);
        }
    }

    private static CorruptCheckpointException truncated(VerifiedCheckpoint checkpoint, String file) {
        return new CorruptCheckpointException("Checkpoint file " + checkpoint.directory().resolve(file)
                + " ends before its content does (written by another version?)");
    }

    private static void readDense(Trainer trainer, DataInputStream in, Path file) throws IOException {
        if (in.readInt() != DENSE_MAGIC) {
            throw new CorruptCheckpointException("Checkpoint file " + file + " is not a dense-state file");
        }
        float[] params = trainer.model().parameters();
        int count = in.readInt();
        if (count != params.length) {
            throw new CorruptCheckpointException("Checkpoint file " + file + " holds " + count
                    + " dense parameters, the model has " + params.length);
        }
        float[] restored = new float[count];
        for (int i = 0; i < count; i++) {
            restored[i] = in.readFloat();
        }
        trainer.optimizer().readState(in);
        System.arraycopy(restored, 0, params, 0, count);
    }

    private static List<CurvePoint> readCurve(DataInputStream in, Path file) throws IOException {
        if (in.readInt() != TRAINER_MAGIC) {
            throw new CorruptCheckpointException("Checkpoint file " + file + " is not a trainer-state file");
        }
        int count = in.readInt();
        if (count < 0) {
            throw new CorruptCheckpointException("Checkpoint file " + file + " has a negative curve length " + count);
        }
        List<CurvePoint> curve = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long step = in.readLong();
            double loss = in.readDouble();
            double auc = in.readDouble();
            double logLoss = in.readDouble();
            curve.add(new CurvePoint(step, loss, Double.isNaN(auc) ? null : auc, Double.isNaN(logLoss) ? null : logLoss));
        }
        return curve;
    }
}
