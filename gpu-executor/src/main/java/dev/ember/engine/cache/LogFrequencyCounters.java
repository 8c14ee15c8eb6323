package dev.ember.engine.cache;

import dev.ember.engine.random.CounterRandom;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * 8-bit Morris counters (1 byte per row): each lookup increments counter {@code c} with probability
 * {@code BASE^-c}, so {@code (BASE^c - 1) / (BASE - 1)} estimates the count; with BASE = 1.08 the 255 levels
 * reach about 3e8 lookups. Increments draw from the counter-based generator keyed by
 * (seed, table, step, row, occurrence), so they are deterministic.
 */
final class LogFrequencyCounters implements FrequencyCounters {
    static final double BASE = 1.08;
    private static final double[] INCREMENT_PROBABILITY = new double[256];

    static {
        for (int c = 0; c < 256; c++) {
            INCREMENT_PROBABILITY[c] = Math.pow(BASE, -c);
        }
    }

    private final byte[] counters;
    private final long seed;
    private final int table;

    LogFrequencyCounters(int numRows, long seed, int table) {
        this.counters = new byte[numRows];
        this.seed = seed;
        this.table = table;
    }

    @Override
    public void add(int row, int occurrences, long step) {
        int counter = counters[row] & 0xff;
        long rowKey = CounterRandom.rowKey(seed, CounterRandom.STREAM_COUNTER, step, table, row);
        for (int i = 0; i < occurrences && counter < 255; i++) {
            if (CounterRandom.uniformDouble(rowKey, i) < INCREMENT_PROBABILITY[counter]) {
                counter++;
            }
        }
        counters[row] = (byte) counter;
    }

    @Override
    public long count(int row) {
        return counters[row] & 0xff;
    }

    @Override
    public long allocatedBytes() {
        return counters.length;
    }

    @Override
    public void write(DataOutput out) throws IOException {
        out.write(counters);
    }

    @Override
    public void read(DataInput in) throws IOException {
        in.readFully(counters);
    }
}
