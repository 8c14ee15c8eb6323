package dev.ember.engine.train.checkpoint;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;

/** A checkpoint directory whose manifest and files have all been checked (sizes and SHA-256). */
public final class VerifiedCheckpoint {
    private final Path directory;
    private final CheckpointManifest manifest;

    private VerifiedCheckpoint(Path directory, CheckpointManifest manifest) {
        this.directory = directory;
        this.manifest = manifest;
    }

    static VerifiedCheckpoint verify(Path directory) throws IOException {
        Path manifestPath = directory.resolve(CheckpointManifest.FILE_NAME);
        if (!Files.exists(manifestPath)) {
            throw new CorruptCheckpointException("Checkpoint " + directory + " is incomplete: " + manifestPath
                    + " is missing");
        }
        String text = Files.readString(manifestPath, StandardCharsets.UTF_8);
        CheckpointManifest manifest = CheckpointManifest.parse(text, manifestPath.toString());
        for (Map.Entry<String, CheckpointManifest.FileEntry> entry : manifest.files().entrySet()) {
            verifyFile(directory.resolve(entry.getKey()), entry.getValue());
        }
        return new VerifiedCheckpoint(directory, manifest);
    }

    private static void verifyFile(Path file, CheckpointManifest.FileEntry expected) throws IOException {
        if (!Files.exists(file)) {
            throw new CorruptCheckpointException("Checkpoint file " + file + " is missing");
        }
        long size = Files.size(file);
        if (size != expected.size()) {
            throw new CorruptCheckpointException("Checkpoint file " + file + " is " + (size < expected.size()
                    ? "truncated" : "too long") + ": " + size + " bytes, the manifest says " + expected.size());
        }
        MessageDigest digest = CheckpointManifest.digest();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
        }
        String actual = HexFormat.of().formatHex(digest.digest());
        if (!actual.equals(expected.sha256())) {
            throw new CorruptCheckpointException("Checkpoint file " + file + " is corrupted: SHA-256 " + actual
                    + ", the manifest says " + expected.sha256());
        }
    }

    public Path directory() {
        return directory;
    }

    public CheckpointPosition position() {
        return manifest.position();
    }

    public String configFingerprint() {
        return manifest.configFingerprint();
    }

    /** Opens a verified state file; the caller closes it. */
    public DataInputStream open(String name) throws IOException {
        if (!manifest.files().containsKey(name)) {
            throw new NoSuchFileException(directory.resolve(name).toString(), null,
                    "Not listed in the checkpoint manifest " + manifest.files().keySet());
        }
        return new DataInputStream(new BufferedInputStream(Files.newInputStream(directory.resolve(name)), 1 << 16));
    }
}
