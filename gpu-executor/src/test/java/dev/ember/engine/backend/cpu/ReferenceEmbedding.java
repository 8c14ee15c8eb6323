package dev.ember.engine.backend.cpu;

import dev.ember.engine.cache.CacheConfig;
import dev.ember.engine.cache.CachePolicy;
import dev.ember.engine.embedding.CacheStatistics;
import dev.ember.engine.embedding.EmbeddingConfig;
import dev.ember.engine.embedding.EmbeddingOptimizer;
import dev.ember.engine.embedding.SparseBatch;
import dev.ember.engine.random.CounterRandom;
import dev.ember.engine.storage.EmbeddingTable;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A slow, obviously correct model of design.md section 3: the cache is a map from key to entry plus, per set,
 * a plain list of ways; exact LFU counts in a map. It shares only the row codecs (through the tables of an
 * uncached collection) and the documented set hash with the real implementation.
 */
final class ReferenceEmbedding implements AutoCloseable {
    private static final class Entry {
        final long key;
        final int table;
        final int row;
        final float[] values;
        long lastUsed;

        Entry(long key, int table, int row, float[] values, long lastUsed) {
            this.key = key;
            this.table = table;
            this.row = row;
            this.values = values;
            this.lastUsed = lastUsed;
        }
    }

    private final EmbeddingConfig config;
    private final CpuEmbeddingCollection storageOwner;
    private final int dim;
    private final int numTables;
    private final long[] keyOffset;
    private final Map<Long, Entry> cached = new HashMap<>();
    private final Map<Integer, List<Entry>>[] setsByCache;
    private final long[] numSets;
    private final int[] ways;
    private final Map<Long, Long> frequency = new HashMap<>();
    private final Map<Long, Float> adagrad = new HashMap<>();
    private final long[][] statistics;
    private final List<Map<Integer, List<Integer>>> lastUniques = new ArrayList<>();

    @SuppressWarnings("unchecked")
    ReferenceEmbedding(EmbeddingConfig config) {
        this.config = config;
        this.storageOwner = new CpuEmbeddingCollection(config.withCache(CacheConfig.none()));
        this.dim = config.embeddingDim();
        this.numTables = config.numTables();
        this.keyOffset = new long[numTables];
        this.statistics = new long[numTables][5];
        CacheConfig cache = config.cache();
        int numCaches = cache.shared() ? 1 : numTables;
        this.setsByCache = new Map[numCaches];
        this.numSets = new long[numCaches];
        this.ways = new int[numCaches];
        long total = 0;
        for (int t = 0; t < numTables; t++) {
            keyOffset[t] = cache.shared() ? total : 0;
            total += config.rows(t);
        }
        for (int c = 0; c < numCaches; c++) {
            long capacity = cache.isDisabled() ? 0 : cache.capacityFor(cache.shared() ? total : config.rows(c));
            ways[c] = (int) Math.min(cache.ways(), capacity);
            numSets[c] = capacity == 0 ? 0 : (capacity + ways[c] - 1) / ways[c];
            setsByCache[c] = new HashMap<>();
        }
    }

    private int cacheOf(int table) {
        return config.cache().shared() ? 0 : table;
    }

    private long fullKey(int table, int row) {
        return ((long) table << 32) | row;
    }

    void forward(long step, SparseBatch batch, float[] pooled) {
        lastUniques.clear();
        for (int t = 0; t < numTables; t++) {
            Map<Integer, List<Integer>> uniques = new LinkedHashMap<>();
            int[] indices = batch.indices(t);
            for (int i = 0; i < batch.offsets(t)[batch.batchSize()]; i++) {
                uniques.computeIfAbsent(indices[i], row -> new ArrayList<>()).add(i);
            }
            lastUniques.add(uniques);
            statistics[t][0] += batch.offsets(t)[batch.batchSize()];
            statistics[t][1] += uniques.size();
            for (Map.Entry<Integer, List<Integer>> unique : uniques.entrySet()) {
                frequency.merge(fullKey(t, unique.getKey()), (long) unique.getValue().size(), Long::sum);
            }
        }
        List<int[]> misses = new ArrayList<>();
        for (int t = 0; t < numTables; t++) {
            for (int row : lastUniques.get(t).keySet()) {
                Entry entry = cached.get(keyOffset[t] + row + ((long) cacheOf(t) << 40));
                if (entry != null) {
                    entry.lastUsed = step;
                } else {
                    statistics[t][2]++;
                    misses.add(new int[] {t, row});
                }
            }
        }
        for (int[] miss : misses) {
            insert(miss[0], miss[1], step);
        }
        for (int b = 0; b < batch.batchSize(); b++) {
            for (int t = 0; t < numTables; t++) {
                int base = (b * numTables + t) * dim;
                java.util.Arrays.fill(pooled, base, base + dim, 0f);
                for (int i = batch.offsets(t)[b]; i < batch.offsets(t)[b + 1]; i++) {
                    int row = batch.indices(t)[i];
                    Entry entry = cached.get(keyOffset[t] + row + ((long) cacheOf(t) << 40));
                    if (entry != null) {
                        for (int d = 0; d < dim; d++) {
                            pooled[base + d] += entry.values[d];
                        }
                    } else {
                        storageOwner.table(t).accumulateRow(row, pooled, base);
                    }
                }
            }
        }
    }

    private void insert(int table, int row, long step) {
        int cache = cacheOf(table);
        if (numSets[cache] == 0) {
            return;
        }
        long key = keyOffset[table] + row;
        int set = (int) Long.remainderUnsigned(CounterRandom.mix(key), numSets[cache]);
        List<Entry> waysOfSet = setsByCache[cache].computeIfAbsent(set, s -> {
            List<Entry> empty = new ArrayList<>();
            for (int w = 0; w < ways[cache]; w++) {
                empty.add(null);
            }
            return empty;
        });
        int way = waysOfSet.indexOf(null);
        if (way < 0) {
            boolean lfu = config.cache().policy() == CachePolicy.LFU;
            Comparator<Integer> order = Comparator.comparingLong(
                    (Integer w) -> lfu ? frequencyOf(waysOfSet.get(w)) : 0L)
                    .thenComparingLong(w -> waysOfSet.get(w).lastUsed)
                    .thenComparingInt(w -> w);
            way = java.util.stream.IntStream.range(0, ways[cache]).boxed()
                    .filter(w -> waysOfSet.get(w).lastUsed < step)
                    .min(order).orElse(-1);
            if (way < 0 || (lfu && frequency.get(fullKey(table, row)) < frequencyOf(waysOfSet.get(way)))) {
                statistics[table][3]++;
                return;
            }
            Entry victim = waysOfSet.get(way);
            writeBack(victim, CounterRandom.STREAM_UPDATE, step);
            statistics[victim.table][4]++;
            cached.remove(victim.key + ((long) cache << 40));
        }
        float[] values = new float[dim];
        storageOwner.table(table).decodeRow(row, values, 0);
        Entry entry = new Entry(key, table, row, values, step);
        waysOfSet.set(way, entry);
        cached.put(key + ((long) cache << 40), entry);
    }

    private long frequencyOf(Entry entry) {
        return frequency.getOrDefault(fullKey(entry.table, entry.row), 0L);
    }

    private void writeBack(Entry entry, int stream, long step) {
        storageOwner.table(entry.table).encodeRow(entry.row, entry.values, 0,
                CounterRandom.rowKey(config.seed(), stream, step, entry.table, entry.row));
    }

    void backward(long step, SparseBatch batch, float[] pooledGrad, float learningRate) {
        for (int t = 0; t < numTables; t++) {
            for (Map.Entry<Integer, List<Integer>> unique : lastUniques.get(t).entrySet()) {
                int row = unique.getKey();
                float[] gradient = new float[dim];
                for (int lookup : unique.getValue()) {
                    int bag = bagOf(batch.offsets(t), batch.batchSize(), lookup);
                    for (int d = 0; d < dim; d++) {
                        gradient[d] += pooledGrad[(bag * numTables + t) * dim + d];
                    }
                }
                Entry entry = cached.get(keyOffset[t] + row + ((long) cacheOf(t) << 40));
                float[] values = entry != null ? entry.values : new float[dim];
                if (entry == null) {
                    storageOwner.table(t).decodeRow(row, values, 0);
                }
                applyOptimizer(values, gradient, learningRate, fullKey(t, row));
                if (entry == null) {
                    storageOwner.table(t).encodeRow(row, values, 0,
                            CounterRandom.rowKey(config.seed(), CounterRandom.STREAM_UPDATE, step, t, row));
                }
            }
        }
    }

    private static int bagOf(int[] offsets, int batchSize, int lookup) {
        for (int b = 0; b < batchSize; b++) {
            if (lookup < offsets[b + 1]) {
                return b;
            }
        }
        throw new IllegalStateException("lookup " + lookup + " is in no bag");
    }

    private void applyOptimizer(float[] values, float[] gradient, float learningRate, long fullKey) {
        if (config.optimizer() == EmbeddingOptimizer.SGD) {
            for (int d = 0; d < dim; d++) {
                values[d] -= learningRate * gradient[d];
            }
            return;
        }
        float sumOfSquares = 0f;
        for (int d = 0; d < dim; d++) {
            sumOfSquares += gradient[d] * gradient[d];
        }
        float accumulator = adagrad.getOrDefault(fullKey, 0f) + sumOfSquares / dim;
        adagrad.put(fullKey, accumulator);
        float multiplier = learningRate / ((float) Math.sqrt(accumulator) + EmbeddingOptimizer.ADAGRAD_EPSILON);
        for (int d = 0; d < dim; d++) {
            values[d] -= multiplier * gradient[d];
        }
    }

    /** Writes every cached row back, as the first flush of a collection does. */
    void flush() {
        for (Entry entry : cached.values()) {
            writeBack(entry, CounterRandom.STREAM_FLUSH, 1);
        }
        cached.clear();
        for (Map<Integer, List<Entry>> sets : setsByCache) {
            sets.clear();
        }
    }

    List<CacheStatistics> statistics() {
        List<CacheStatistics> result = new ArrayList<>();
        for (int t = 0; t < numTables; t++) {
            long[] s = statistics[t];
            result.add(new CacheStatistics("table" + t, s[0], s[1], s[2], s[3], s[4]));
        }
        return result;
    }

    EmbeddingTable table(int table) {
        return storageOwner.table(table);
    }

    @Override
    public void close() {
        storageOwner.close();
    }
}
