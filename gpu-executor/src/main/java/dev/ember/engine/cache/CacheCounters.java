package dev.ember.engine.cache;

import dev.ember.engine.embedding.CacheStatistics;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** Mutable cumulative cache counters of one table; one writer at a time. */
public final class CacheCounters {
    public long lookups;
    public long uniqueRows;
    public long uniqueMisses;
    public long conflictMisses;
    public long evictions;

    public CacheStatistics toStatistics(String table) {
        return new CacheStatistics(table, lookups, uniqueRows, uniqueMisses, conflictMisses, evictions);
    }

    public void write(DataOutput out) throws IOException {
        out.writeLong(lookups);
        out.writeLong(uniqueRows);
        out.writeLong(uniqueMisses);
        out.writeLong(conflictMisses);
        out.writeLong(evictions);
    }

    public void read(DataInput in) throws IOException {
        lookups = in.readLong();
        uniqueRows = in.readLong();
        uniqueMisses = in.readLong();
        conflictMisses = in.readLong();
        evictions = in.readLong();
    }
}
