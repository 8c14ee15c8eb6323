package dev.ember.engine.model;

/**
 * Scratch buffers for one lane of at most {@link #capacity()} samples: activations, their gradients and the
 * lane's parameter gradients. One workspace per lane, never shared between threads at the same time.
 */
public final class DlrmWorkspace {
    private final int capacity;
    private final float[][] bottomOutputs;
    private final float[][] bottomGrads;
    private final float[] topInput;
    private final float[] topInputGrad;
    private final float[][] topOutputs;
    private final float[][] topGrads;
    private final float[] gradients;

    public DlrmWorkspace(DlrmModel model, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("Workspace capacity must be >= 1, got " + capacity);
        }
        this.capacity = capacity;
        this.bottomOutputs = layerBuffers(model.bottom(), capacity);
        this.bottomGrads = layerBuffers(model.bottom(), capacity);
        this.topOutputs = layerBuffers(model.top(), capacity);
        this.topGrads = layerBuffers(model.top(), capacity);
        this.topInput = new float[capacity * model.interaction().outputSize()];
        this.topInputGrad = new float[capacity * model.interaction().outputSize()];
        this.gradients = new float[model.numParameters()];
    }

    private static float[][] layerBuffers(Mlp mlp, int capacity) {
        float[][] buffers = new float[mlp.layers().size()][];
        for (int l = 0; l < buffers.length; l++) {
            buffers[l] = new float[capacity * mlp.layers().get(l).outputSize()];
        }
        return buffers;
    }

    public int capacity() {
        return capacity;
    }

    float[][] bottomOutputs() {
        return bottomOutputs;
    }

    float[][] bottomGrads() {
        return bottomGrads;
    }

    float[] topInput() {
        return topInput;
    }

    float[] topInputGrad() {
        return topInputGrad;
    }

    float[][] topOutputs() {
        return topOutputs;
    }

    float[][] topGrads() {
        return topGrads;
    }

    /** The lane's parameter gradients, same layout as {@link DlrmModel#parameters()}. */
    public float[] gradients() {
        return gradients;
    }
}
