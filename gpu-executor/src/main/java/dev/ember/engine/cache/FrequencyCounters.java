package dev.ember.engine.cache;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * LFU access counts of every row of one table (design.md section 3: all rows, not only cached ones).
 * Only the order of counts matters to the cache (victim choice and admission compare counts of rows),
 * so compact implementations may return any monotone estimate. See {@link FrequencyCounterKind}.
 */
public interface FrequencyCounters {

    /** Records {@code occurrences} lookups of {@code row} in {@code step}. */
    void add(int row, int occurrences, long step);

    /** The row's count (or a monotone estimate of it). */
    long count(int row);

    /** Bytes allocated for the counters. */
    long allocatedBytes();

    void write(DataOutput out) throws IOException;

    void read(DataInput in) throws IOException;

    /** Counters of the given kind for a table; {@code seed} and {@code table} key probabilistic increments. */
    static FrequencyCounters create(FrequencyCounterKind kind, int numRows, long seed, int table) {
        return switch (kind) {
            case EXACT64 -> new ExactFrequencyCounters(numRows);
            case SATURATING16 -> new SaturatingFrequencyCounters(numRows);
            case LOG8 -> new LogFrequencyCounters(numRows, seed, table);
        };
    }
}
