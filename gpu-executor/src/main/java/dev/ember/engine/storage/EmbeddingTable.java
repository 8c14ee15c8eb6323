package dev.ember.engine.storage;

import dev.ember.engine.format.RowCodec;
import dev.ember.engine.format.RowLayout;

/**
 * One embedding table in its storage format: chunked rows plus the codec that reads and writes them.
 * Rows are addressed by a local row number; a table holding a subset of a global table maps global ids
 * to local rows before calling in (design.md section 6).
 */
public final class EmbeddingTable {
    private final int tableIndex;
    private final RowCodec codec;
    private final ChunkedRowStorage storage;

    public EmbeddingTable(int tableIndex, long numRows, RowCodec codec, long maxChunkBytes) {
        this.tableIndex = tableIndex;
        this.codec = codec;
        this.storage = new ChunkedRowStorage(numRows, codec.layout().stride(), maxChunkBytes);
    }

    public int tableIndex() {
        return tableIndex;
    }

    public long numRows() {
        return storage.numRows();
    }

    public RowLayout layout() {
        return codec.layout();
    }

    public RowCodec codec() {
        return codec;
    }

    public ChunkedRowStorage storage() {
        return storage;
    }

    public void decodeRow(long row, float[] out, int outOffset) {
        codec.decode(storage.chunk(row), storage.offset(row), out, outOffset);
    }

    public void accumulateRow(long row, float[] sum, int sumOffset) {
        codec.accumulate(storage.chunk(row), storage.offset(row), sum, sumOffset);
    }

    public void encodeRow(long row, float[] values, int valuesOffset, long rowKey) {
        codec.encode(values, valuesOffset, storage.chunk(row), storage.offset(row), rowKey);
    }
}
