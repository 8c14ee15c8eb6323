package dev.ember.engine.embedding;

import dev.ember.engine.backend.cpu.CpuEmbeddingCollection;
import dev.ember.engine.format.VectorSupport;

/** Creates embedding collections; the CPU backend is the reference every other backend is tested against. */
public final class EmbeddingCollections {
    private EmbeddingCollections() {
    }

    /**
     * The CPU implementation of {@code config}, initialised as the DLRM reference (uniform +-sqrt(1/numRows));
     * logs the effective configuration once.
     */
    public static EmbeddingCollection create(EmbeddingConfig config) {
        CpuEmbeddingCollection collection = new CpuEmbeddingCollection(config);
        System.getLogger(EmbeddingCollections.class.getName()).log(System.Logger.Level.INFO,
                "Embedding collection: CPU backend, " + config.effectiveThreads() + " threads, vector kernels "
                        + (VectorSupport.wideEnabled() ? "on (512-bit table kernels)" : VectorSupport.enabled()
                        ? "on (256-bit; the 512-bit table kernels need AVX-512)" : "off") + ", " + config + ", "
                        + String.format(java.util.Locale.ROOT, "%.1f MiB (%.2fx smaller than FP32)",
                        collection.memoryReport().totalBytes() / 1048576.0, collection.memoryReport().ratioVsFp32()));
        return collection;
    }
}
