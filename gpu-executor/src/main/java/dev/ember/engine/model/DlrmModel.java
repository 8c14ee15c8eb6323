package dev.ember.engine.model;

import java.util.Random;

/**
 * The dense part of DLRM: bottom MLP, dot interaction, top MLP and the sigmoid loss, with all dense
 * parameters in one flat array ({@link #parameters()}: the bottom MLP's layers, then the top MLP's). The
 * embedding bags are computed outside (by an {@code EmbeddingCollection}) and enter as pooled vectors.
 */
public final class DlrmModel {
    private final int numDense;
    private final int numTables;
    private final int embeddingDim;
    private final Mlp bottom;
    private final DotInteraction interaction;
    private final Mlp top;
    private final float[] parameters;

    /**
     * @param bottomSizes e.g. 13-512-256-64-16; the last size must equal {@code embeddingDim}
     * @param topLayerOutputs e.g. {512, 256, 1}; the input size is derived from the interaction, the last must be 1
     */
    public DlrmModel(LayerSizes bottomSizes, int[] topLayerOutputs, int numTables, int embeddingDim,
                     boolean selfInteraction) {
        if (bottomSizes.outputSize() != embeddingDim) {
            throw new IllegalArgumentException("The bottom MLP " + bottomSizes + " must end in embeddingDim = "
                    + embeddingDim + ", got " + bottomSizes.outputSize());
        }
        if (topLayerOutputs.length == 0 || topLayerOutputs[topLayerOutputs.length - 1] != 1) {
            throw new IllegalArgumentException("The top MLP must end in one output (the logit), got "
                    + java.util.Arrays.toString(topLayerOutputs));
        }
        this.numDense = bottomSizes.inputSize();
        this.numTables = numTables;
        this.embeddingDim = embeddingDim;
        this.bottom = new Mlp(bottomSizes, 0, Activation.RELU);
        this.interaction = new DotInteraction(numTables, embeddingDim, selfInteraction);
        LayerSizes topSizes = LayerSizes.withInput(interaction.outputSize(), topLayerOutputs);
        this.top = new Mlp(topSizes, bottom.endOffset(), Activation.IDENTITY);
        this.parameters = new float[top.endOffset()];
    }

    /**
     * DLRM's initialization: weights {@code N(0, sqrt(2 / (in + out)))}, biases {@code N(0, sqrt(1 / out))},
     * layer by layer, bottom first, from one generator seeded with {@code seed}.
     */
    public void initialize(long seed) {
        Random random = new Random(seed);
        for (Mlp mlp : new Mlp[] {bottom, top}) {
            for (DenseLayer layer : mlp.layers()) {
                double weightStd = Math.sqrt(2.0 / (layer.inputSize() + layer.outputSize()));
                int weights = layer.inputSize() * layer.outputSize();
                for (int i = 0; i < weights; i++) {
                    parameters[layer.weightOffset() + i] = (float) (random.nextGaussian() * weightStd);
                }
                double biasStd = Math.sqrt(1.0 / layer.outputSize());
                for (int o = 0; o < layer.outputSize(); o++) {
                    parameters[layer.biasOffset() + o] = (float) (random.nextGaussian() * biasStd);
                }
            }
        }
    }

    public int numDense() {
        return numDense;
    }

    public int numTables() {
        return numTables;
    }

    public int embeddingDim() {
        return embeddingDim;
    }

    public Mlp bottom() {
        return bottom;
    }

    public Mlp top() {
        return top;
    }

    public DotInteraction interaction() {
        return interaction;
    }

    /** The live flat parameter array (optimizers update it in place). */
    public float[] parameters() {
        return parameters;
    }

    public int numParameters() {
        return parameters.length;
    }

    /**
     * Forward and backward of samples {@code [start, start + rows)} of a batch of {@code batchSize}: writes the
     * parameter gradients of the mean loss to {@code workspace.gradients()} and the pooled-vector gradients to
     * {@code pooledGrad} (same layout and offsets as {@code pooled}). Returns the summed (not mean) loss.
     */
    public double forwardBackward(DlrmWorkspace workspace, float[] dense, float[] labels, float[] pooled,
                                  int start, int rows, int batchSize, float[] pooledGrad) {
        assert rows <= workspace.capacity() : rows + " rows > workspace capacity " + workspace.capacity();
        int denseOffset = start * numDense;
        int pooledOffset = start * numTables * embeddingDim;
        float[][] bottomOut = workspace.bottomOutputs();
        float[][] topOut = workspace.topOutputs();
        bottom.forward(parameters, dense, denseOffset, rows, bottomOut);
        float[] bottomLast = bottomOut[bottomOut.length - 1];
        interaction.forward(bottomLast, pooled, pooledOffset, rows, workspace.topInput());
        top.forward(parameters, workspace.topInput(), 0, rows, topOut);
        float[][] topGrads = workspace.topGrads();
        float[][] bottomGrads = workspace.bottomGrads();
        double loss = BinaryCrossEntropy.lossAndGradient(topOut[topOut.length - 1], labels, start, rows,
                (float) (1.0 / batchSize), topGrads[topGrads.length - 1]);
        top.backward(parameters, workspace.topInput(), 0, rows, topOut, topGrads, workspace.gradients(),
                workspace.topInputGrad());
        interaction.backward(bottomLast, pooled, pooledOffset, rows, workspace.topInputGrad(),
                bottomGrads[bottomGrads.length - 1], pooledGrad);
        bottom.backward(parameters, dense, denseOffset, rows, bottomOut, bottomGrads, workspace.gradients(), null);
        return loss;
    }

    /** Logits of samples {@code [start, start + rows)}, written to {@code logits[start + r]}. */
    public void predict(DlrmWorkspace workspace, float[] dense, float[] pooled, int start, int rows, float[] logits) {
        assert rows <= workspace.capacity() : rows + " rows > workspace capacity " + workspace.capacity();
        float[][] bottomOut = workspace.bottomOutputs();
        float[][] topOut = workspace.topOutputs();
        bottom.forward(parameters, dense, start * numDense, rows, bottomOut);
        interaction.forward(bottomOut[bottomOut.length - 1], pooled, start * numTables * embeddingDim, rows,
                workspace.topInput());
        top.forward(parameters, workspace.topInput(), 0, rows, topOut);
        System.arraycopy(topOut[topOut.length - 1], 0, logits, start, rows);
    }
}
