package dev.ember.engine.train.checkpoint;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The text manifest of a checkpoint ({@code manifest.txt}): {@code key=value} lines, one
 * {@code file.NAME=SIZE SHA256} line per state file, and a last line {@code manifest.sha256=} with the digest
 * of all lines before it.
 */
public record CheckpointManifest(CheckpointPosition position, String configFingerprint,
                                 Map<String, FileEntry> files) {
    public static final String FILE_NAME = "manifest.txt";
    static final String FORMAT = "ember-checkpoint-1";
    private static final String SELF_DIGEST_KEY = "manifest.sha256=";

    /** Size in bytes and SHA-256 (hex) of one state file. */
    public record FileEntry(long size, String sha256) {
    }

    public CheckpointManifest {
        files = Map.copyOf(files);
    }

    String toText() {
        StringBuilder text = new StringBuilder();
        text.append("format=").append(FORMAT).append('\n');
        text.append("step=").append(position.step()).append('\n');
        text.append("epoch=").append(position.epoch()).append('\n');
        text.append("batchesInEpoch=").append(position.batchesInEpoch()).append('\n');
        text.append("samples=").append(position.samples()).append('\n');
        text.append("configFingerprint=").append(configFingerprint).append('\n');
        files.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> text.append("file.")
                .append(entry.getKey()).append('=').append(entry.getValue().size()).append(' ')
                .append(entry.getValue().sha256()).append('\n'));
        String body = text.toString();
        return body + SELF_DIGEST_KEY + sha256(body.getBytes(StandardCharsets.UTF_8)) + '\n';
    }

    static CheckpointManifest parse(String text, String source) throws CorruptCheckpointException {
        int digestAt = text.lastIndexOf(SELF_DIGEST_KEY);
        if (digestAt < 0 || !text.endsWith("\n")) {
            throw new CorruptCheckpointException(source + " is truncated: it has no " + SELF_DIGEST_KEY + " line");
        }
        String body = text.substring(0, digestAt);
        String stored = text.substring(digestAt + SELF_DIGEST_KEY.length()).trim();
        String actual = sha256(body.getBytes(StandardCharsets.UTF_8));
        if (!actual.equals(stored)) {
            throw new CorruptCheckpointException(source + " is corrupted: its SHA-256 is " + actual
                    + " but it records " + stored);
        }
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, FileEntry> files = new LinkedHashMap<>();
        for (String line : body.split("\n")) {
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw new CorruptCheckpointException(source + " has a malformed line '" + line + "'");
            }
            String key = line.substring(0, eq);
            String value = line.substring(eq + 1);
            if (key.startsWith("file.")) {
                String[] parts = value.split(" ");
                files.put(key.substring("file.".length()), new FileEntry(Long.parseLong(parts[0]), parts[1]));
            } else {
                values.put(key, value);
            }
        }
        if (!FORMAT.equals(values.get("format"))) {
            throw new CorruptCheckpointException(source + " has format '" + values.get("format") + "', expected "
                    + FORMAT);
        }
        try {
            CheckpointPosition position = new CheckpointPosition(Long.parseLong(values.get("step")),
                    Integer.parseInt(values.get("epoch")), Long.parseLong(values.get("batchesInEpoch")),
                    Long.parseLong(values.get("samples")));
            return new CheckpointManifest(position, values.get("configFingerprint"), files);
        } catch (RuntimeException e) {
            throw new CorruptCheckpointException(source + " has a missing or malformed position: " + e.getMessage());
        }
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
