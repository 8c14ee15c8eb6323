package dev.ember.engine.cache;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** Exact int64 count per row (8 bytes per row): FBGEMM's LFU state, kept as the reference. */
final class ExactFrequencyCounters implements FrequencyCounters {
    private final long[] counts;

    ExactFrequencyCounters(int numRows) {
        this.counts = new long[numRows];
    }

    @Override
    public void add(int row, int occurrences, long step) {
        counts[row] += occurrences;
    }

    @Override
    public long count(int row) {
        return counts[row];
    }

    @Override
    public long allocatedBytes() {
        return 8L * counts.length;
    }

    @Override
    public void write(DataOutput out) throws IOException {
        for (long count : counts) {
            out.writeLong(count);
        }
    }

    @Override
    public void read(DataInput in) throws IOException {
        for (int i = 0; i < counts.length; i++) {
            counts[i] = in.readLong();
        }
    }
}
