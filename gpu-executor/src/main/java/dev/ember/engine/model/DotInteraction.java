package dev.ember.engine.model;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * DLRM's dot interaction. Per sample, the features are the bottom-MLP output (feature 0) and the pooled
 * embedding of each table (features 1..numTables). The output row is the bottom output followed by the dot
 * products {@code <f_i, f_j>} for {@code i} ascending and {@code j < i} ({@code j <= i} with self-interaction),
 * the order of the reference's {@code li, lj} index lists.
 */
public final class DotInteraction {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private final int numFeatures;
    private final int embeddingDim;
    private final boolean selfInteraction;
    private final int outputSize;
    /** True when the Vector API path applies ({@code embeddingDim} a multiple of the vector length). */
    private final boolean vectorized;

    public DotInteraction(int numTables, int embeddingDim, boolean selfInteraction) {
        if (numTables < 0 || embeddingDim < 1) {
            throw new IllegalArgumentException("Interaction needs numTables >= 0 and embeddingDim >= 1, got "
                    + numTables + " and " + embeddingDim);
        }
        this.numFeatures = numTables + 1;
        this.embeddingDim = embeddingDim;
        this.selfInteraction = selfInteraction;
        this.outputSize = embeddingDim + numPairs(numFeatures, selfInteraction);
        this.vectorized = embeddingDim % SPECIES.length() == 0 && !Boolean.getBoolean("ember.scalar");
    }

    /** Pairs of features that are interacted: {@code n(n-1)/2}, or {@code n(n+1)/2} with self-interaction. */
    public static int numPairs(int numFeatures, boolean selfInteraction) {
        return selfInteraction ? numFeatures * (numFeatures + 1) / 2 : numFeatures * (numFeatures - 1) / 2;
    }

    /** The top MLP's input size. */
    public int outputSize() {
        return outputSize;
    }

    /**
     * @param bottom row-major {@code [rows][embeddingDim]} bottom-MLP outputs
     * @param pooled {@code pooled[pooledOffset + (r * numTables + t) * embeddingDim + d]}
     * @param output row-major {@code [rows][outputSize]}
     */
    public void forward(float[] bottom, float[] pooled, int pooledOffset, int rows, float[] output) {
        int dim = embeddingDim;
        float[] features = new float[numFeatures * dim];
        int pooledRow = (numFeatures - 1) * dim;
        for (int r = 0; r < rows; r++) {
            System.arraycopy(bottom, r * dim, features, 0, dim);
            System.arraycopy(pooled, pooledOffset + r * pooledRow, features, dim, pooledRow);
            int out = r * outputSize;
            System.arraycopy(features, 0, output, out, dim);
            out += dim;
            if (vectorized) {
                dotsVectorized(features, output, out);
            } else {
                dotsScalar(features, output, out);
            }
        }
    }

    private void dotsScalar(float[] features, float[] output, int out) {
        int dim = embeddingDim;
        int limitOffset = selfInteraction ? 1 : 0;
        for (int i = 0; i < numFeatures; i++) {
            int fi = i * dim;
            for (int j = 0; j < i + limitOffset; j++) {
                int fj = j * dim;
                float sum = 0.0f;
                for (int d = 0; d < dim; d++) {
                    sum += features[fi + d] * features[fj + d];
                }
                output[out++] = sum;
            }
        }
    }

    private void dotsVectorized(float[] features, float[] output, int out) {
        int dim = embeddingDim;
        int step = SPECIES.length();
        int limitOffset = selfInteraction ? 1 : 0;
        for (int i = 0; i < numFeatures; i++) {
            int fi = i * dim;
            for (int j = 0; j < i + limitOffset; j++) {
                int fj = j * dim;
                FloatVector sum = FloatVector.fromArray(SPECIES, features, fi)
                        .mul(FloatVector.fromArray(SPECIES, features, fj));
                for (int d = step; d < dim; d += step) {
                    sum = FloatVector.fromArray(SPECIES, features, fi + d)
                            .fma(FloatVector.fromArray(SPECIES, features, fj + d), sum);
                }
                output[out++] = sum.reduceLanes(VectorOperators.ADD);
            }
        }
    }

    /**
     * Backward of {@link #forward}: writes the gradient of the bottom outputs to {@code bottomGrad}
     * ({@code [rows][embeddingDim]}) and of the pooled vectors to {@code pooledGrad} (same layout as pooled).
     */
    public void backward(float[] bottom, float[] pooled, int pooledOffset, int rows, float[] outputGrad,
                         float[] bottomGrad, float[] pooledGrad) {
        int dim = embeddingDim;
        float[] features = new float[numFeatures * dim];
        float[] featureGrads = new float[numFeatures * dim];
        float[] symmetric = new float[numFeatures * numFeatures];
        int pooledRow = (numFeatures - 1) * dim;
        int limitOffset = selfInteraction ? 1 : 0;
        for (int r = 0; r < rows; r++) {
            System.arraycopy(bottom, r * dim, features, 0, dim);
            System.arraycopy(pooled, pooledOffset + r * pooledRow, features, dim, pooledRow);
            int out = r * outputSize;
            System.arraycopy(outputGrad, out, featureGrads, 0, dim);
            java.util.Arrays.fill(featureGrads, dim, featureGrads.length, 0.0f);
            out += dim;
            if (vectorized) {
                pairGradientsVectorized(outputGrad, out, features, featureGrads, symmetric);
            } else {
                for (int i = 0; i < numFeatures; i++) {
                    int fi = i * dim;
                    for (int j = 0; j < i + limitOffset; j++) {
                        int fj = j * dim;
                        float g = outputGrad[out++];
                        for (int d = 0; d < dim; d++) {
                            featureGrads[fi + d] += g * features[fj + d];
                            featureGrads[fj + d] += g * features[fi + d];
                        }
                    }
                }
            }
            System.arraycopy(featureGrads, 0, bottomGrad, r * dim, dim);
            System.arraycopy(featureGrads, dim, pooledGrad, pooledOffset + r * pooledRow, pooledRow);
        }
    }

    /**
     * Adds {@code sum_j S[i][j] f_j} to each feature gradient, where {@code S} is the symmetric matrix of pair
     * gradients; same terms as the scalar loop, accumulated per feature in a fixed order.
     */
    private void pairGradientsVectorized(float[] outputGrad, int out, float[] features, float[] featureGrads,
                                         float[] symmetric) {
        int dim = embeddingDim;
        int n = numFeatures;
        java.util.Arrays.fill(symmetric, 0.0f);
        int limitOffset = selfInteraction ? 1 : 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i + limitOffset; j++) {
                float g = outputGrad[out++];
                symmetric[i * n + j] += g;
                symmetric[j * n + i] += g;
            }
        }
        int step = SPECIES.length();
        for (int i = 0; i < n; i++) {
            int row = i * n;
            for (int d = 0; d < dim; d += step) {
                FloatVector sum = FloatVector.fromArray(SPECIES, featureGrads, i * dim + d);
                for (int j = 0; j < n; j++) {
                    sum = FloatVector.broadcast(SPECIES, symmetric[row + j])
                            .fma(FloatVector.fromArray(SPECIES, features, j * dim + d), sum);
                }
                sum.intoArray(featureGrads, i * dim + d);
            }
        }
    }
}
