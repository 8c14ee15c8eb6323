package dev.ember.engine.model;

import dev.ludovic.netlib.blas.BLAS;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.util.ArrayList;
import java.util.List;

/**
 * A stack of fully connected layers whose parameters live in a shared flat array. Activations are row-major
 * {@code [rows][width]}; every product goes through one BLAS {@code sgemm} call per layer, so a given
 * (layer, rows) problem is always computed by the same call and gives the same bits on any thread.
 */
public final class Mlp {
    private static final BLAS BLAS_INSTANCE = BLAS.getInstance();
    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;

    private final LayerSizes sizes;
    private final List<DenseLayer> layers;

    /**
     * @param firstOffset where this MLP's parameters start in the flat array
     * @param lastActivation the activation of the last layer (all others use ReLU)
     */
    public Mlp(LayerSizes sizes, int firstOffset, Activation lastActivation) {
        this.sizes = sizes;
        List<DenseLayer> built = new ArrayList<>();
        int offset = firstOffset;
        for (int i = 0; i < sizes.numLayers(); i++) {
            int in = sizes.size(i);
            int out = sizes.size(i + 1);
            Activation activation = i == sizes.numLayers() - 1 ? lastActivation : Activation.RELU;
            built.add(new DenseLayer(in, out, offset, offset + in * out, activation));
            offset += in * out + out;
        }
        this.layers = List.copyOf(built);
    }

    /** The BLAS implementation in use (native OpenBLAS through JNI, or netlib's pure-Java fallback). */
    public static String blasImplementation() {
        return BLAS_INSTANCE.getClass().getSimpleName();
    }

    public LayerSizes sizes() {
        return sizes;
    }

    public List<DenseLayer> layers() {
        return layers;
    }

    public int numParameters() {
        return layers.stream().mapToInt(DenseLayer::numParameters).sum();
    }

    public int endOffset() {
        DenseLayer last = layers.get(layers.size() - 1);
        return last.biasOffset() + last.outputSize();
    }

    /**
     * Forward pass of {@code rows} samples: {@code input[inputOffset + r * inputSize + i]}; layer {@code l}'s
     * post-activation output goes to {@code outputs[l]} (row-major, at least {@code rows * outputSize}).
     */
    public void forward(float[] params, float[] input, int inputOffset, int rows, float[][] outputs) {
        for (int l = 0; l < layers.size(); l++) {
            DenseLayer layer = layers.get(l);
            float[] in = l == 0 ? input : outputs[l - 1];
            int inOffset = l == 0 ? inputOffset : 0;
            forwardLayer(layer, params, in, inOffset, rows, outputs[l]);
        }
    }

    private static void forwardLayer(DenseLayer layer, float[] params, float[] input, int inputOffset, int rows,
                                     float[] output) {
        int in = layer.inputSize();
        int out = layer.outputSize();
        int bias = layer.biasOffset();
        for (int r = 0; r < rows; r++) {
            System.arraycopy(params, bias, output, r * out, out);
        }
        // Column-major view: output^T (out x rows) = W (out x in) * input^T (in x rows); W^T is stored column-major.
        BLAS_INSTANCE.sgemm("T", "N", out, rows, in, 1.0f, params, layer.weightOffset(), in,
                input, inputOffset, in, 1.0f, output, 0, out);
        if (layer.activation() == Activation.RELU) {
            int n = rows * out;
            for (int i = 0; i < n; i++) {
                output[i] = Math.max(output[i], 0.0f);
            }
        }
    }

    /**
     * Backward pass after {@link #forward} on the same rows. On entry {@code outputGrads[last]} holds the loss
     * gradient with respect to the last layer's output; the other entries are scratch. Parameter gradients are
     * written (not added) to {@code grads} at this MLP's offsets; the input gradient goes to {@code inputGrad}
     * unless it is null.
     */
    public void backward(float[] params, float[] input, int inputOffset, int rows, float[][] outputs,
                         float[][] outputGrads, float[] grads, float[] inputGrad) {
        for (int l = layers.size() - 1; l >= 0; l--) {
            DenseLayer layer = layers.get(l);
            float[] in = l == 0 ? input : outputs[l - 1];
            int inOffset = l == 0 ? inputOffset : 0;
            float[] inGrad = l == 0 ? inputGrad : outputGrads[l - 1];
            backwardLayer(layer, params, in, inOffset, rows, outputs[l], outputGrads[l], grads, inGrad);
        }
    }

    /**
     * ReLU's backward: zeroes {@code grad[i]} where {@code output[i] <= 0}. Branch-free (a data-dependent branch
     * here mispredicted about half the time and cost more than the layer's BLAS call at batch 64).
     */
    private static void maskInactive(float[] output, float[] grad, int n) {
        int i = 0;
        for (int bound = FLOATS.loopBound(n); i < bound; i += FLOATS.length()) {
            FloatVector g = FloatVector.fromArray(FLOATS, grad, i);
            g.blend(0.0f, FloatVector.fromArray(FLOATS, output, i).compare(VectorOperators.LE, 0.0f))
                    .intoArray(grad, i);
        }
        for (; i < n; i++) {
            if (output[i] <= 0.0f) {
                grad[i] = 0.0f;
            }
        }
    }

    private static void backwardLayer(DenseLayer layer, float[] params, float[] input, int inputOffset, int rows,
                                      float[] output, float[] outputGrad, float[] grads, float[] inputGrad) {
        int in = layer.inputSize();
        int out = layer.outputSize();
        int n = rows * out;
        if (layer.activation() == Activation.RELU) {
            maskInactive(output, outputGrad, n);
        }
        int bias = layer.biasOffset();
        for (int o = 0; o < out; o++) {
            grads[bias + o] = 0.0f;
        }
        for (int r = 0; r < rows; r++) {
            int row = r * out;
            for (int o = 0; o < out; o++) {
                grads[bias + o] += outputGrad[row + o];
            }
        }
        // dW^T (in x out, column-major = W's row-major layout) = input^T (in x rows) * dZ (rows x out).
        BLAS_INSTANCE.sgemm("N", "T", in, out, rows, 1.0f, input, inputOffset, in, outputGrad, 0, out,
                0.0f, grads, layer.weightOffset(), in);
        if (inputGrad != null) {
            // dX^T (in x rows) = W^T (in x out) * dZ^T (out x rows).
            BLAS_INSTANCE.sgemm("N", "N", in, rows, out, 1.0f, params, layer.weightOffset(), in,
                    outputGrad, 0, out, 0.0f, inputGrad, 0, in);
        }
    }
}
