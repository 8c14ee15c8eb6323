package dev.ember.engine.embedding;

import dev.ember.engine.backend.cpu.CpuEmbeddingCollection;

/** Creates embedding collections; the CPU backend is the reference every other backend is tested against. */
public final class EmbeddingCollections {
    private EmbeddingCollections() {
    }

    /** The CPU implementation of {@code config}, initialised as the DLRM reference (uniform +-sqrt(1/numRows)). */
    public static EmbeddingCollection create(EmbeddingConfig config) {
        return new CpuEmbeddingCollection(config);
    }
}
