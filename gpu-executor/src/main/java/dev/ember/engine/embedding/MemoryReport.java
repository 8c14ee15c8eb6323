package dev.ember.engine.embedding;

import java.util.List;

/**
 * Exact embedding bytes by component (design.md section 4), per table and in total.
 * {@code fp32Bytes} is the baseline the ratio is quoted against: the same tables stored in FP32 with the
 * same optimizer state, and no cache.
 */
public record MemoryReport(List<TableMemory> tables) {

    /** Bytes of one table; shared-cache bytes are reported on a pseudo-table named "shared-cache". */
    public record TableMemory(String table, long rowBytes, long qparamBytes, long cacheSlotBytes,
                              long cacheMetadataBytes, long optimizerStateBytes, long fp32Bytes) {
        public long totalBytes() {
            return rowBytes + qparamBytes + cacheSlotBytes + cacheMetadataBytes + optimizerStateBytes;
        }
    }

    public MemoryReport {
        tables = List.copyOf(tables);
    }

    public long totalBytes() {
        return tables.stream().mapToLong(TableMemory::totalBytes).sum();
    }

    public long fp32Bytes() {
        return tables.stream().mapToLong(TableMemory::fp32Bytes).sum();
    }

    /** {@code FP32 table bytes / mixed-precision bytes}: how many times smaller than FP32. */
    public double ratioVsFp32() {
        long total = totalBytes();
        return total == 0 ? 1.0 : (double) fp32Bytes() / total;
    }
}
