package dev.ember.engine.train.checkpoint;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckpointStoreTest {

    private static Map<String, CheckpointStore.StateWriter> files(int value) {
        Map<String, CheckpointStore.StateWriter> files = new LinkedHashMap<>();
        files.put("a.bin", out -> out.writeInt(value));
        files.put("b.bin", out -> out.writeUTF("state " + value));
        return files;
    }

    private static List<String> names(Path root) throws IOException {
        try (Stream<Path> entries = Files.list(root)) {
            return entries.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writesVerifiesAndKeepsOnlyTheLatest(@TempDir Path root) throws IOException {
        CheckpointStore store = new CheckpointStore(root);
        store.write(new CheckpointPosition(5, 0, 5, 320), "abc", files(5));
        Path second = store.write(new CheckpointPosition(12, 1, 2, 768), "abc", files(12));
        assertEquals(List.of("checkpoint-000000000012"), names(root));
        VerifiedCheckpoint checkpoint = CheckpointStore.open(root);
        assertEquals(second, checkpoint.directory());
        assertEquals(new CheckpointPosition(12, 1, 2, 768), checkpoint.position());
        assertEquals("abc", checkpoint.configFingerprint());
        try (DataInputStream in = checkpoint.open("a.bin")) {
            assertEquals(12, in.readInt());
        }
        assertThrows(NoSuchFileException.class, () -> checkpoint.open("c.bin"));
    }

    @Test
    void aCrashMidWriteLeavesThePreviousCheckpointUsable(@TempDir Path root) throws IOException {
        CheckpointStore store = new CheckpointStore(root);
        store.write(new CheckpointPosition(5, 0, 5, 320), "abc", files(5));
        Map<String, CheckpointStore.StateWriter> failing = new LinkedHashMap<>(files(9));
        failing.put("c.bin", out -> {
            out.writeInt(1);
            throw new IOException("disk full (simulated)");
        });
        assertThrows(IOException.class, () -> store.write(new CheckpointPosition(9, 0, 9, 576), "abc", failing));
        assertTrue(names(root).stream().anyMatch(name -> name.startsWith(".tmp-checkpoint-9-")));
        assertEquals(5, CheckpointStore.open(root).position().step(), "the partial write is ignored");
        store.write(new CheckpointPosition(10, 0, 10, 640), "abc", files(10));
        assertEquals(List.of("checkpoint-000000000010"), names(root), "stale temporary directories are removed");
    }

    @Test
    void rewritingTheSameStepReplacesIt(@TempDir Path root) throws IOException {
        CheckpointStore store = new CheckpointStore(root);
        store.write(new CheckpointPosition(5, 0, 5, 320), "abc", files(5));
        store.write(new CheckpointPosition(5, 0, 5, 320), "abc", files(6));
        try (DataInputStream in = CheckpointStore.open(root).open("a.bin")) {
            assertEquals(6, in.readInt());
        }
        assertEquals(List.of("checkpoint-000000000005"), names(root));
    }

    @Test
    void emptyRootIsAClearError(@TempDir Path root) {
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> CheckpointStore.open(root));
        assertTrue(e.getMessage().contains("No checkpoint-* directory"), e.getMessage());
    }
}
