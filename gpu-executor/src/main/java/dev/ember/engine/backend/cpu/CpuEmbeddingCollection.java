package dev.ember.engine.backend.cpu;

import static dev.ember.engine.cache.RowCache.SLOT_ORIGIN;

import dev.ember.engine.cache.CacheCounters;
import dev.ember.engine.cache.FrequencyCounterKind;
import dev.ember.engine.embedding.CacheStatistics;
import dev.ember.engine.embedding.EmbeddingCollection;
import dev.ember.engine.embedding.EmbeddingConfig;
import dev.ember.engine.embedding.EmbeddingOptimizer;
import dev.ember.engine.embedding.MemoryReport;
import dev.ember.engine.embedding.SparseBatch;
import dev.ember.engine.format.RowCodec;
import dev.ember.engine.format.RowLayout;
import dev.ember.engine.kernel.BagBlock;
import dev.ember.engine.kernel.CachedLookups;
import dev.ember.engine.kernel.RowUpdates;
import dev.ember.engine.kernel.TableKernels;
import dev.ember.engine.parallel.WorkerPool;
import dev.ember.engine.random.CounterRandom;
import dev.ember.engine.storage.ChunkedRowStorage;
import dev.ember.engine.storage.EmbeddingTable;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The CPU reference backend: quantized tables in chunked byte storage, FP32 row caches, sparse optimizer.
 * Work is split into tasks whose results do not depend on the thread that runs them (bags for pooling,
 * tables for deduplication and per-table populate, unique rows for updates), so the bits are the same
 * whatever the thread count; cache insertion runs in parallel over groups of cache sets (see {@link CacheLayer}).
 * Steps passed to {@link #forward} must increase strictly.
 */
public final class CpuEmbeddingCollection implements EmbeddingCollection {
    private static final int BAGS_PER_TASK = 128;
    private static final int ROWS_PER_TASK = 256;
    private static final int INIT_ROWS_PER_TASK = 1 << 14;

    private final EmbeddingConfig config;
    private final int dim;
    private final int numTables;
    final EmbeddingTable[] tables;
    /** The pooling and SGD loops of each table, specialised for its format. */
    private final TableKernels[] kernels;
    final float[][] accumulators;
    final CacheCounters[] counters;
    final CacheLayer cacheLayer;
    private final WorkerPool executor;
    private final BatchRows[] batchRows;
    /** Backward's update tasks: table t's are {@code firstTask[t] .. firstTask[t + 1] - 1}. */
    private final int[] firstTask;
    private final FrequencyCounterKind counterKind;
    long lastStep = Long.MIN_VALUE;
    long flushCount;
    private long forwardStep = Long.MIN_VALUE;
    private SparseBatch forwardBatch;

    public CpuEmbeddingCollection(EmbeddingConfig config) {
        this(config, FrequencyCounterKind.DEFAULT, ChunkedRowStorage.DEFAULT_MAX_CHUNK_BYTES);
    }

    /** Full control: the LFU counter kind, and the chunk size (small values exercise chunking in tests). */
    public CpuEmbeddingCollection(EmbeddingConfig config, FrequencyCounterKind counterKind, long maxChunkBytes) {
        this.config = config;
        this.dim = config.embeddingDim();
        this.numTables = config.numTables();
        this.counterKind = counterKind;
        RowLayout layout = new RowLayout(config.precision(), config.qparamsPrecision(), dim);
        RowCodec codec = RowCodec.of(layout, config.rounding());
        this.tables = new EmbeddingTable[numTables];
        this.kernels = new TableKernels[numTables];
        this.accumulators = new float[numTables][];
        this.counters = new CacheCounters[numTables];
        this.batchRows = new BatchRows[numTables];
        this.firstTask = new int[numTables + 1];
        for (int t = 0; t < numTables; t++) {
            tables[t] = new EmbeddingTable(t, config.rows(t), codec, maxChunkBytes);
            kernels[t] = TableKernels.of(tables[t]);
            accumulators[t] = config.optimizer() == EmbeddingOptimizer.ROWWISE_ADAGRAD
                    ? new float[(int) config.rows(t)] : null;
            counters[t] = new CacheCounters();
            batchRows[t] = new BatchRows();
        }
        this.cacheLayer = new CacheLayer(config.cache(), tables, counterKind, config.seed());
        this.executor = new WorkerPool(config.effectiveThreads(), "ember-embedding");
        initialize();
    }

    public EmbeddingConfig config() {
        return config;
    }

    FrequencyCounterKind counterKind() {
        return counterKind;
    }

    /** DLRM's initialisation: uniform(-sqrt(1/numRows), +sqrt(1/numRows)), keyed by (seed, INIT, table, row). */
    private void initialize() {
        List<long[]> tasks = new ArrayList<>();
        for (int t = 0; t < numTables; t++) {
            for (long start = 0; start < tables[t].numRows(); start += INIT_ROWS_PER_TASK) {
                tasks.add(new long[] {t, start});
            }
        }
        executor.run(tasks.size(), i -> {
            int t = (int) tasks.get(i)[0];
            long start = tasks.get(i)[1];
            EmbeddingTable table = tables[t];
            float bound = (float) Math.sqrt(1.0 / table.numRows());
            float[] values = new float[dim];
            long end = Math.min(table.numRows(), start + INIT_ROWS_PER_TASK);
            for (long row = start; row < end; row++) {
                long valueKey = CounterRandom.rowKey(config.seed(), CounterRandom.STREAM_INIT, 0, t, row);
                for (int d = 0; d < dim; d++) {
                    values[d] = (float) (-bound + 2.0 * bound * CounterRandom.uniformDouble(valueKey, d));
                }
                table.encodeRow(row, values, 0, CounterRandom.rowKey(config.seed(), CounterRandom.STREAM_INIT, 1, t, row));
            }
        });
    }

    @Override
    public int numTables() {
        return numTables;
    }

    @Override
    public int embeddingDim() {
        return dim;
    }

    @Override
    public long numRows(int table) {
        return tables[table].numRows();
    }

    @Override
    public void forward(long step, SparseBatch batch, float[] pooledOut) {
        checkBatch(batch, pooledOut, "pooledOut");
        if (step <= lastStep) {
            throw new IllegalArgumentException("forward step must increase: got step " + step + " after step " + lastStep);
        }
        executor.run(numTables, t -> {
            BatchRows rows = batchRows[t];
            rows.build(t, batch.batchSize(), batch.offsets(t), batch.indices(t), tables[t].numRows());
            counters[t].lookups += rows.numLookups;
            cacheLayer.countFrequencies(t, rows, step);
            cacheLayer.pinHits(t, rows, step, counters[t]);
        });
        cacheLayer.insertMisses(step, batchRows, counters, executor);
        lastStep = step;
        forwardStep = step;
        forwardBatch = batch;
        // Tasks are (block of bags, group of tables): at small batches one block of bags would be one task, and
        // pooling would run on one thread; table groups give every thread work. Each output has one task.
        int bagTasks = (batch.batchSize() + BAGS_PER_TASK - 1) / BAGS_PER_TASK;
        if (bagTasks == 0) {
            return;
        }
        int wantedGroups = Math.min(numTables, Math.max(1, (2 * executor.threads() + bagTasks - 1) / bagTasks));
        int tablesPerGroup = (numTables + wantedGroups - 1) / wantedGroups;
        int tableGroups = (numTables + tablesPerGroup - 1) / tablesPerGroup;
        executor.run(bagTasks * tableGroups, task -> {
            int bagTask = task / tableGroups;
            int firstTable = (task % tableGroups) * tablesPerGroup;
            poolTrained(batch, pooledOut, bagTask * BAGS_PER_TASK,
                    Math.min(batch.batchSize(), (bagTask + 1) * BAGS_PER_TASK),
                    firstTable, Math.min(numTables, firstTable + tablesPerGroup));
        });
    }

    private void poolTrained(SparseBatch batch, float[] pooledOut, int firstBag, int endBag, int firstTable,
                             int endTable) {
        for (int t = firstTable; t < endTable; t++) {
            int endLookup = batch.offsets(t)[batch.batchSize()];
            BagBlock bags = new BagBlock(batch.offsets(t), batch.indices(t), firstBag, endBag, endLookup,
                    pooledOut, t * dim, numTables * dim);
            // BatchRows.build checked every id, and uniqueRows[uniqueOfLookup[i]] == indices[i].
            CachedLookups cached = null;
            if (cacheLayer.cache(t) != null) {
                batchRows[t].buildSlotOfLookup(batch.offsets(t)[firstBag], batch.offsets(t)[endBag]);
                cached = new CachedLookups(cacheLayer.cache(t).slots(), batchRows[t].slotOfLookup, 0, endLookup);
            }
            kernels[t].pool(bags, cached);
        }
    }

    @Override
    public void backward(long step, SparseBatch batch, float[] pooledGrad, float learningRate) {
        checkBatch(batch, pooledGrad, "pooledGrad");
        if (step != forwardStep || batch != forwardBatch) {
            throw new IllegalStateException("backward(step " + step + ") must follow forward with the same step and"
                    + " batch; last forward was step " + forwardStep);
        }
        if (!Float.isFinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be finite, got " + learningRate);
        }
        executor.run(numTables, t -> batchRows[t].buildLookupsByUnique());
        // Task k of table t covers unique rows [k * ROWS_PER_TASK, ...); firstTask[t] numbers them globally.
        firstTask[0] = 0;
        for (int t = 0; t < numTables; t++) {
            firstTask[t + 1] = firstTask[t] + (batchRows[t].numUnique + ROWS_PER_TASK - 1) / ROWS_PER_TASK;
        }
        executor.run(firstTask[numTables], task -> {
            int t = tableOfTask(task);
            int start = (task - firstTask[t]) * ROWS_PER_TASK;
            updateRows(step, t, start, Math.min(batchRows[t].numUnique, start + ROWS_PER_TASK), pooledGrad, learningRate);
        });
        forwardBatch = null;
    }

    private int tableOfTask(int task) {
        int t = 0;
        while (firstTask[t + 1] <= task) {
            t++;
        }
        return t;
    }

    private void updateRows(long step, int t, int firstUnique, int endUnique, float[] pooledGrad, float learningRate) {
        BatchRows rows = batchRows[t];
        kernels[t].update(new RowUpdates(rows.uniqueRows, rows.slotOfUnique, rows.lookupStart,
                rows.lookupsByUnique, rows.bagOfLookup, firstUnique, endUnique,
                cacheLayer.cache(t) == null ? null : cacheLayer.cache(t).slots(), pooledGrad, t * dim,
                numTables * dim, learningRate, accumulators[t],
                CounterRandom.tableKey(config.seed(), CounterRandom.STREAM_UPDATE, step, t)));
    }

    @Override
    public void lookup(SparseBatch batch, float[] pooledOut) {
        checkBatch(batch, pooledOut, "pooledOut");
        for (int t = 0; t < numTables; t++) {
            checkIds(t, batch);
        }
        int numTasks = (batch.batchSize() + BAGS_PER_TASK - 1) / BAGS_PER_TASK;
        executor.run(numTasks, task -> lookupBags(batch, pooledOut, task * BAGS_PER_TASK,
                Math.min(batch.batchSize(), (task + 1) * BAGS_PER_TASK)));
    }

    /**
     * Evaluation pooling of bags {@code [firstBag, endBag)}: the cache slots of the task's ids are found first
     * in one batched pass (sets touched ahead), then the table's kernel sums the rows.
     */
    private void lookupBags(SparseBatch batch, float[] pooledOut, int firstBag, int endBag) {
        int[] slotOfLookup = null;
        for (int t = 0; t < numTables; t++) {
            int[] offsets = batch.offsets(t);
            int[] indices = batch.indices(t);
            int firstLookup = offsets[firstBag];
            int endLookup = offsets[endBag];
            int batchEnd = offsets[batch.batchSize()];
            float[] slots = cacheLayer.cache(t) == null ? null : cacheLayer.cache(t).slots();
            if (slots != null) {
                if (slotOfLookup == null || slotOfLookup.length < endLookup - firstLookup) {
                    slotOfLookup = new int[endLookup - firstLookup];
                }
                cacheLayer.findAll(t, indices, firstLookup, endLookup, slotOfLookup);
            }
            BagBlock bags = new BagBlock(offsets, indices, firstBag, endBag, batchEnd, pooledOut, t * dim, numTables * dim);
            kernels[t].pool(bags, slots == null ? null
                    : new CachedLookups(slots, slotOfLookup, firstLookup, endLookup));
        }
    }

    private void checkIds(int t, SparseBatch batch) {
        int[] indices = batch.indices(t);
        int end = batch.offsets(t)[batch.batchSize()];
        long numRows = tables[t].numRows();
        for (int i = 0; i < end; i++) {
            if (indices[i] < 0 || indices[i] >= numRows) {
                throw new IllegalArgumentException("table " + t + ": row id " + indices[i] + " at position " + i
                        + " is outside [0, " + numRows + ")");
            }
        }
    }

    private void checkBatch(SparseBatch batch, float[] pooled, String name) {
        if (batch.numTables() != numTables) {
            throw new IllegalArgumentException("batch has " + batch.numTables() + " tables, collection has " + numTables);
        }
        long needed = (long) batch.batchSize() * numTables * dim;
        if (pooled.length < needed) {
            throw new IllegalArgumentException(name + " has " + pooled.length + " floats, needs batchSize x numTables"
                    + " x embeddingDim = " + needed);
        }
    }

    @Override
    public void flush() {
        flushCount++;
        cacheLayer.flush(flushCount, executor);
    }

    @Override
    public MemoryReport memoryReport() {
        return CpuMemoryAccounting.report(this);
    }

    /** Bytes actually allocated, summed from the arrays themselves (tests compare it with the report). */
    public long allocatedBytes() {
        return CpuMemoryAccounting.allocatedBytes(this);
    }

    @Override
    public List<CacheStatistics> statistics() {
        List<CacheStatistics> result = new ArrayList<>(numTables);
        for (int t = 0; t < numTables; t++) {
            result.add(counters[t].toStatistics("table" + t));
        }
        return result;
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        CpuCheckpoint.write(this, out);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        CpuCheckpoint.read(this, in);
        forwardBatch = null;
        forwardStep = Long.MIN_VALUE;
    }

    /** Decodes the current FP32 value of a row: from its cache slot if cached, else from storage. */
    public void readRow(int table, int row, float[] out, int outOffset) {
        int slot = cacheLayer.find(table, row);
        if (slot >= 0) {
            System.arraycopy(cacheLayer.cache(table).slots(), SLOT_ORIGIN + slot * dim, out, outOffset, dim);
        } else {
            tables[table].decodeRow(row, out, outOffset);
        }
    }

    /** The table's storage (for tests, device copies and export). */
    public EmbeddingTable table(int table) {
        return tables[table];
    }

    @Override
    public void close() {
        executor.close();
    }
}
