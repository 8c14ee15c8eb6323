package dev.ember.engine.cache;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** 16-bit counts saturating at 65535 (2 bytes per row): exact for all but the hottest rows, which then tie. */
final class SaturatingFrequencyCounters implements FrequencyCounters {
    private static final int MAX = 0xffff;
    private final char[] counts;

    SaturatingFrequencyCounters(int numRows) {
        this.counts = new char[numRows];
    }

    @Override
    public void add(int row, int occurrences, long step) {
        counts[row] = (char) Math.min(MAX, counts[row] + occurrences);
    }

    @Override
    public long count(int row) {
        return counts[row];
    }

    @Override
    public long allocatedBytes() {
        return 2L * counts.length;
    }

    @Override
    public void write(DataOutput out) throws IOException {
        for (char count : counts) {
            out.writeChar(count);
        }
    }

    @Override
    public void read(DataInput in) throws IOException {
        for (int i = 0; i < counts.length; i++) {
            counts[i] = in.readChar();
        }
    }
}
