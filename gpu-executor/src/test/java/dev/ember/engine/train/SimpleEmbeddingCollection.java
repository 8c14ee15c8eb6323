package dev.ember.engine.train;

import dev.ember.engine.embedding.CacheStatistics;
import dev.ember.engine.embedding.EmbeddingCollection;
import dev.ember.engine.embedding.MemoryReport;
import dev.ember.engine.embedding.SparseBatch;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A plain FP32 embedding collection with SGD and no cache, for tests of the dense side that must not depend on
 * the mixed-precision engine: gradient checks and trainer mechanics.
 */
public final class SimpleEmbeddingCollection implements EmbeddingCollection {
    private final int embeddingDim;
    private final float[][] tables;

    public SimpleEmbeddingCollection(int embeddingDim, int[] rowsPerTable, long seed) {
        this.embeddingDim = embeddingDim;
        this.tables = new float[rowsPerTable.length][];
        Random random = new Random(seed);
        for (int t = 0; t < rowsPerTable.length; t++) {
            tables[t] = new float[rowsPerTable[t] * embeddingDim];
            double bound = Math.sqrt(1.0 / rowsPerTable[t]);
            for (int i = 0; i < tables[t].length; i++) {
                tables[t][i] = (float) ((random.nextDouble() * 2 - 1) * bound);
            }
        }
    }

    public float[] table(int t) {
        return tables[t];
    }

    @Override
    public int numTables() {
        return tables.length;
    }

    @Override
    public int embeddingDim() {
        return embeddingDim;
    }

    @Override
    public long numRows(int table) {
        return tables[table].length / embeddingDim;
    }

    @Override
    public void forward(long step, SparseBatch batch, float[] pooledOut) {
        lookup(batch, pooledOut);
    }

    @Override
    public void backward(long step, SparseBatch batch, float[] pooledGrad, float learningRate) {
        int numTables = tables.length;
        for (int t = 0; t < numTables; t++) {
            int[] offsets = batch.offsets(t);
            int[] indices = batch.indices(t);
            for (int b = 0; b < batch.batchSize(); b++) {
                int grad = (b * numTables + t) * embeddingDim;
                for (int k = offsets[b]; k < offsets[b + 1]; k++) {
                    int row = indices[k] * embeddingDim;
                    for (int d = 0; d < embeddingDim; d++) {
                        tables[t][row + d] -= learningRate * pooledGrad[grad + d];
                    }
                }
            }
        }
    }

    @Override
    public void lookup(SparseBatch batch, float[] pooledOut) {
        int numTables = tables.length;
        for (int b = 0; b < batch.batchSize(); b++) {
            for (int t = 0; t < numTables; t++) {
                int out = (b * numTables + t) * embeddingDim;
                java.util.Arrays.fill(pooledOut, out, out + embeddingDim, 0.0f);
                int[] offsets = batch.offsets(t);
                for (int k = offsets[b]; k < offsets[b + 1]; k++) {
                    int row = batch.indices(t)[k] * embeddingDim;
                    for (int d = 0; d < embeddingDim; d++) {
                        pooledOut[out + d] += tables[t][row + d];
                    }
                }
            }
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public MemoryReport memoryReport() {
        List<MemoryReport.TableMemory> memory = new ArrayList<>();
        for (int t = 0; t < tables.length; t++) {
            long bytes = 4L * tables[t].length;
            memory.add(new MemoryReport.TableMemory("t" + t, bytes, 0, 0, 0, 0, bytes));
        }
        return new MemoryReport(memory);
    }

    @Override
    public List<CacheStatistics> statistics() {
        List<CacheStatistics> statistics = new ArrayList<>();
        for (int t = 0; t < tables.length; t++) {
            statistics.add(new CacheStatistics("t" + t, 0, 0, 0, 0, 0));
        }
        return statistics;
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeInt(tables.length);
        for (float[] table : tables) {
            out.writeInt(table.length);
            for (float value : table) {
                out.writeFloat(value);
            }
        }
    }

    @Override
    public void readState(DataInput in) throws IOException {
        int count = in.readInt();
        if (count != tables.length) {
            throw new IOException("State has " + count + " tables, expected " + tables.length);
        }
        for (float[] table : tables) {
            int length = in.readInt();
            if (length != table.length) {
                throw new IOException("Table of " + length + " floats, expected " + table.length);
            }
            for (int i = 0; i < length; i++) {
                table[i] = in.readFloat();
            }
        }
    }

    @Override
    public void close() {
    }
}
