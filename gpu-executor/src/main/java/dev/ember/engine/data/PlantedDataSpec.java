package dev.ember.engine.data;

import java.util.Arrays;

/**
 * The known logistic model behind {@link PlantedDataGenerator}. Sample {@code i} has dense features
 * {@code x ~ N(0, 1)^numDense}, in every table {@code t} a bag of {@code idsPerBag} rows drawn from a Zipf
 * distribution of exponent {@code zipfExponent} over the table's rows, hot ranks scattered over the ids
 * ({@code 0}: uniform; about 1.05 gives Criteo-like popularity, where a small cache serves most lookups), and
 * the label {@code y ~ Bernoulli(sigmoid(z))} with
 * {@code z = bias + sum_j beta_j x_j + sum_t sum_{row in bag} w_t(row) + pairWeight * x_0 * x_1}.
 * The weights {@code beta_j ~ N(0, denseScale^2)} and {@code w_t(row) ~ N(0, embeddingScale^2)} are
 * functions of (seed, table, row), so nothing of size rows is stored.
 */
public record PlantedDataSpec(int numDense, int[] rowsPerTable, int idsPerBag, double zipfExponent, double bias,
                              double denseScale, double embeddingScale, double pairWeight, long seed) {

    public PlantedDataSpec {
        if (numDense < 0) {
            throw new IllegalArgumentException("numDense must be >= 0, got " + numDense);
        }
        for (int rows : rowsPerTable) {
            if (rows < 1) {
                throw new IllegalArgumentException("rowsPerTable entries must be >= 1, got "
                        + Arrays.toString(rowsPerTable));
            }
        }
        if (idsPerBag < 1) {
            throw new IllegalArgumentException("idsPerBag must be >= 1, got " + idsPerBag);
        }
        if (!(zipfExponent >= 0.0) || Double.isInfinite(zipfExponent)) {
            throw new IllegalArgumentException("zipfExponent must be finite and >= 0, got " + zipfExponent);
        }
        if (pairWeight != 0.0 && numDense < 2) {
            throw new IllegalArgumentException("pairWeight " + pairWeight + " needs numDense >= 2, got " + numDense);
        }
        rowsPerTable = rowsPerTable.clone();
    }

    /** A Criteo-like shape: 13 dense features and {@code numTables} one-hot tables of {@code rows} rows. */
    public static PlantedDataSpec criteoLike(int numTables, int rows, long seed) {
        int[] rowsPerTable = new int[numTables];
        Arrays.fill(rowsPerTable, rows);
        return new PlantedDataSpec(13, rowsPerTable, 1, 1.05, -1.0, 0.3, 0.5, 0.5, seed);
    }

    public int numTables() {
        return rowsPerTable.length;
    }

    @Override
    public int[] rowsPerTable() {
        return rowsPerTable.clone();
    }
}
