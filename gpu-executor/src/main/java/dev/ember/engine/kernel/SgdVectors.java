package dev.ember.engine.kernel;

import dev.ember.engine.embedding.EmbeddingOptimizer;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The format-independent steps of the vectorized sparse update (SGD, row-wise Adagrad), over float arrays: a unique row's gradient (0f plus
 * its lookups' gradients in lookup order, see {@link RowUpdates}) and {@code w -= learningRate * g}. Vectors stay
 * inside each method: one passed to or returned from a method that C2 does not inline is boxed (about 10x
 * slower), and big kernels do exhaust C2's inlining budget, so the kernels exchange float arrays instead.
 */
final class SgdVectors {
    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_512;
    private static final int LANES = FLOATS.length();

    private SgdVectors() {
    }

    /** {@code gradient[0 .. dim)} = the gradient of unique row {@code u} of {@code updates}. */
    static void gradient(RowUpdates updates, int u, float[] gradient, int dim) {
        float[] gradients = updates.gradients();
        int first = updates.lookupStart()[u];
        int end = updates.lookupStart()[u + 1];
        if (dim == LANES) {
            // Dim 16 (DLRM's Kaggle shape) without a loop over blocks; see step.
            FloatVector sum = FloatVector.zero(FLOATS);
            for (int k = first; k < end; k++) {
                sum = sum.add(FloatVector.fromArray(FLOATS, gradients, position(updates, k)));
            }
            sum.intoArray(gradient, 0);
            return;
        }
        int d = 0;
        for (; d + LANES <= dim; d += LANES) {
            FloatVector sum = FloatVector.zero(FLOATS);
            for (int k = first; k < end; k++) {
                sum = sum.add(FloatVector.fromArray(FLOATS, gradients, position(updates, k) + d));
            }
            sum.intoArray(gradient, d);
        }
        for (; d < dim; d++) {
            float sum = 0f;
            for (int k = first; k < end; k++) {
                sum += gradients[position(updates, k) + d];
            }
            gradient[d] = sum;
        }
    }

    /**
     * Row-wise Adagrad's state of the task's unique rows, {@code state[u - firstUnique] = accumulators[row of u]},
     * or null for SGD. Read in one pass before the updates: the reads are independent, so their cache misses
     * overlap, where inside the update loop each waited behind the previous row's arithmetic (the mean square is
     * a chain of dependent adds). Touching the stored rows in the same pass measured no faster.
     */
    static float[] gatherState(RowUpdates updates) {
        float[] accumulators = updates.accumulators();
        if (accumulators == null) {
            return null;
        }
        int[] uniqueRows = updates.uniqueRows();
        int first = updates.firstUnique();
        float[] state = new float[updates.endUnique() - first];
        for (int u = first; u < updates.endUnique(); u++) {
            state[u - first] = accumulators[uniqueRows[u]];
        }
        return state;
    }

    /**
     * The multiplier of unique row {@code u}'s gradient: the learning rate for SGD ({@code state} null); for
     * row-wise Adagrad, as FBGEMM's fused update, the gradient's mean square (a sequential float sum in element
     * order) is added to the row's accumulator ({@code state} from {@link #gatherState}), which is stored back,
     * and the rate is {@code learningRate / (sqrt(acc) + epsilon)}. A lane-wise sum with a pairwise reduction
     * (other bits) measured no faster: the row's misses, not this chain, bound the update.
     */
    static float rowRate(RowUpdates updates, int u, float[] gradient, int dim, float[] state) {
        if (state == null) {
            return updates.learningRate();
        }
        float sumOfSquares = 0f;
        // The same sum twice: with the constant bound C2 unrolls the dim-16 loop (no loop per row, see step).
        if (dim == LANES) {
            for (int d = 0; d < LANES; d++) {
                sumOfSquares += gradient[d] * gradient[d];
            }
        } else {
            for (int d = 0; d < dim; d++) {
                sumOfSquares += gradient[d] * gradient[d];
            }
        }
        float accumulator = state[u - updates.firstUnique()] + sumOfSquares / dim;
        updates.accumulators()[updates.uniqueRows()[u]] = accumulator;
        return updates.learningRate() / ((float) Math.sqrt(accumulator) + EmbeddingOptimizer.ADAGRAD_EPSILON);
    }

    /** {@code weights[offset + d] -= rate * gradient[d]} for {@code d < dim}. */
    static void step(float[] weights, int offset, float[] gradient, float rate, int dim) {
        // A broadcast vector, not mul(float): that overload dispatches through a JDK method whose type profile is
        // shared with the 256-bit codec loops, and where C2 saw both shapes there it boxed every vector here.
        FloatVector rates = FloatVector.broadcast(FLOATS, rate);
        if (dim == LANES) {
            // A loop per row, even of one iteration, costs loop set-up per row (docs/engine.md section 1, "No loop
            // per row"); here C2 emits one vector step.
            FloatVector step = FloatVector.fromArray(FLOATS, gradient, 0).mul(rates);
            FloatVector.fromArray(FLOATS, weights, offset).sub(step).intoArray(weights, offset);
            return;
        }
        int d = 0;
        for (; d + LANES <= dim; d += LANES) {
            FloatVector step = FloatVector.fromArray(FLOATS, gradient, d).mul(rates);
            FloatVector.fromArray(FLOATS, weights, offset + d).sub(step).intoArray(weights, offset + d);
        }
        for (; d < dim; d++) {
            weights[offset + d] -= rate * gradient[d];
        }
    }

    /** Where the gradient of the bag of the {@code k}-th lookup (in unique-row order) starts. */
    private static int position(RowUpdates updates, int k) {
        return updates.gradientBase() + updates.bagOfLookup()[updates.lookupsByUnique()[k]] * updates.gradientStride();
    }
}
