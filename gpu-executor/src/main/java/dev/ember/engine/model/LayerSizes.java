package dev.ember.engine.model;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * MLP sizes in DLRM's notation: {@code "13-512-256-64-16"} is a 13-input MLP with layers of 512, 256, 64
 * and 16 units. The array holds the input size followed by each layer's output size.
 */
public final class LayerSizes {
    private final int[] sizes;

    public LayerSizes(int[] sizes) {
        if (sizes.length < 2) {
            throw new IllegalArgumentException("An MLP needs an input size and at least one layer, got "
                    + Arrays.toString(sizes));
        }
        for (int size : sizes) {
            if (size < 1) {
                throw new IllegalArgumentException("MLP sizes must be >= 1, got " + Arrays.toString(sizes));
            }
        }
        this.sizes = sizes.clone();
    }

    /** Parses {@code "13-512-256"}; the message names {@code field} and the bad text. */
    public static LayerSizes parse(String text, String field) {
        int[] sizes = parseList(text, field);
        if (sizes.length < 2) {
            throw new IllegalArgumentException("Invalid " + field + " '" + text
                    + "': needs an input size and at least one layer, like 13-512-256");
        }
        return new LayerSizes(sizes);
    }

    /** Parses a dash-separated list of positive sizes such as a top MLP's layers {@code "512-256-1"}. */
    public static int[] parseList(String text, String field) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("Invalid " + field + " '" + text + "': expected sizes like 13-512-256");
        }
        String[] parts = text.trim().split("-");
        int[] sizes = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                sizes[i] = Integer.parseInt(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Invalid " + field + " '" + text + "': '" + parts[i]
                        + "' is not an integer (expected sizes like 13-512-256)");
            }
            if (sizes[i] < 1) {
                throw new IllegalArgumentException("Invalid " + field + " '" + text + "': size " + sizes[i]
                        + " must be >= 1");
            }
        }
        return sizes;
    }

    /** Layers of the given output sizes fed by {@code inputSize} inputs (DLRM derives the top MLP's input). */
    public static LayerSizes withInput(int inputSize, int[] layerOutputs) {
        int[] result = new int[layerOutputs.length + 1];
        result[0] = inputSize;
        System.arraycopy(layerOutputs, 0, result, 1, layerOutputs.length);
        return new LayerSizes(result);
    }

    public int inputSize() {
        return sizes[0];
    }

    public int outputSize() {
        return sizes[sizes.length - 1];
    }

    public int numLayers() {
        return sizes.length - 1;
    }

    /** Entry {@code i}: 0 is the input size, {@code i >= 1} the output size of layer {@code i - 1}. */
    public int size(int index) {
        return sizes[index];
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LayerSizes that && Arrays.equals(sizes, that.sizes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sizes);
    }

    @Override
    public String toString() {
        return Arrays.stream(sizes).mapToObj(Integer::toString).collect(Collectors.joining("-"));
    }
}
