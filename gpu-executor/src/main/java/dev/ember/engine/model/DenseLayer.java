package dev.ember.engine.model;

/**
 * Where one fully connected layer lives in the flat parameter array: weights row-major
 * {@code [outputSize][inputSize]} at {@code weightOffset} (PyTorch's {@code nn.Linear.weight}), then
 * {@code outputSize} biases at {@code biasOffset}.
 */
public record DenseLayer(int inputSize, int outputSize, int weightOffset, int biasOffset, Activation activation) {

    public int numParameters() {
        return inputSize * outputSize + outputSize;
    }
}
