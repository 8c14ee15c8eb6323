package dev.ember.engine.train.checkpoint;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Checkpoints under a root directory, one subdirectory {@code checkpoint-<step>} each. A new checkpoint is
 * written to {@code .tmp-checkpoint-<step>-<nanos>}, every file forced to disk, the manifest written last,
 * and the directory renamed with {@code ATOMIC_MOVE}; only then are older checkpoints deleted. A crash at any
 * point leaves the previous checkpoint intact (temporary directories are ignored by readers).
 */
public final class CheckpointStore {
    static final String PREFIX = "checkpoint-";
    static final String TEMP_PREFIX = ".tmp-checkpoint-";

    /** Writes one state file. */
    @FunctionalInterface
    public interface StateWriter {
        void write(DataOutputStream out) throws IOException;
    }

    private final Path root;

    public CheckpointStore(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** Writes a checkpoint with the given state files (name to writer) and returns its directory. */
    public Path write(CheckpointPosition position, String configFingerprint, Map<String, StateWriter> stateFiles)
            throws IOException {
        Files.createDirectories(root);
        String name = PREFIX + String.format("%012d", position.step());
        Path temp = root.resolve(TEMP_PREFIX + position.step() + "-" + System.nanoTime());
        Files.createDirectory(temp);
        Map<String, CheckpointManifest.FileEntry> entries = new LinkedHashMap<>();
        for (Map.Entry<String, StateWriter> file : stateFiles.entrySet()) {
            entries.put(file.getKey(), writeFile(temp.resolve(file.getKey()), file.getValue()));
        }
        CheckpointManifest manifest = new CheckpointManifest(position, configFingerprint, entries);
        byte[] manifestBytes = manifest.toText().getBytes(StandardCharsets.UTF_8);
        try (FileChannel channel = FileChannel.open(temp.resolve(CheckpointManifest.FILE_NAME),
                StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(manifestBytes));
            channel.force(true);
        }
        forceDirectory(temp);
        Path target = root.resolve(name);
        if (Files.exists(target)) {
            Path displaced = root.resolve(TEMP_PREFIX + "old-" + position.step() + "-" + System.nanoTime());
            Files.move(target, displaced, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        forceDirectory(root);
        deleteAllExcept(target);
        return target;
    }

    private static CheckpointManifest.FileEntry writeFile(Path path, StateWriter writer) throws IOException {
        MessageDigest digest = CheckpointManifest.digest();
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            OutputStream raw = java.nio.channels.Channels.newOutputStream(channel);
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new DigestOutputStream(raw, digest),
                    1 << 16));
            writer.write(out);
            out.flush();
            channel.force(true);
            return new CheckpointManifest.FileEntry(channel.size(), HexFormat.of().formatHex(digest.digest()));
        }
    }

    private static void forceDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some file systems cannot open directories; the rename is still atomic there.
        }
    }

    private void deleteAllExcept(Path keep) throws IOException {
        List<Path> stale = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path entry : entries) {
                String fileName = entry.getFileName().toString();
                boolean ours = fileName.startsWith(PREFIX) || fileName.startsWith(TEMP_PREFIX);
                if (ours && !entry.equals(keep) && Files.isDirectory(entry)) {
                    stale.add(entry);
                }
            }
        }
        for (Path directory : stale) {
            deleteRecursively(directory);
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (NoSuchFileException e) {
            // already gone
        }
    }

    /**
     * Opens the checkpoint at {@code path}: a checkpoint directory (with a manifest), or a root whose newest
     * complete {@code checkpoint-*} directory is used. Every file is verified against the manifest.
     */
    public static VerifiedCheckpoint open(Path path) throws IOException {
        boolean isCheckpoint = Files.exists(path.resolve(CheckpointManifest.FILE_NAME))
                || (path.getFileName() != null && path.getFileName().toString().startsWith(PREFIX));
        Path directory = isCheckpoint ? path : latest(path);
        return VerifiedCheckpoint.verify(directory);
    }

    private static Path latest(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new NoSuchFileException(root.toString(), null, "No checkpoint directory here");
        }
        Path best = null;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root, PREFIX + "*")) {
            for (Path entry : entries) {
                if (Files.isDirectory(entry) && (best == null
                        || entry.getFileName().toString().compareTo(best.getFileName().toString()) > 0)) {
                    best = entry;
                }
            }
        }
        if (best == null) {
            throw new NoSuchFileException(root.toString(), null, "No " + PREFIX + "* directory to resume from");
        }
        return best;
    }
}
