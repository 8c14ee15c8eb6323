package dev.ember.engine.model;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A forward pass on a tiny fixed input, computed by hand. */
class DlrmForwardTest {

    /** Bottom 2-2 (dim 2), one table, top 1 layer; weights set by hand. */
    private static DlrmModel tinyModel(boolean self) {
        DlrmModel model = new DlrmModel(LayerSizes.parse("2-2", "bottom"), new int[] {1}, 1, 2, self);
        float[] p = model.parameters();
        // bottom W = [[1, 2], [-1, 0.5]], b = [0.5, -1]
        float[] bottom = {1, 2, -1, 0.5f, 0.5f, -1};
        System.arraycopy(bottom, 0, p, 0, bottom.length);
        return model;
    }

    @Test
    void forwardWithoutSelfInteractionMatchesHandComputation() {
        DlrmModel model = tinyModel(false);
        assertEquals(3, model.interaction().outputSize());
        float[] p = model.parameters();
        float[] top = {0.1f, -0.2f, 0.3f, 0.05f};
        System.arraycopy(top, 0, p, 6, top.length);
        // sample 0: x = [2, 1] -> pre [4.5, -2.5] -> relu [4.5, 0]; e = [1, 3]; dot = 4.5; R = [4.5, 0, 4.5]
        // z = 0.45 + 0 + 1.35 + 0.05 = 1.85
        // sample 1: x = [0, 0] -> [0.5, 0]; e = [-1, 2]; dot = -0.5; R = [0.5, 0, -0.5]; z = 0.05 - 0.15 + 0.05 = -0.05
        float[] logits = predict(model, new float[] {2, 1, 0, 0}, new float[] {1, 3, -1, 2});
        assertArrayEquals(new float[] {1.85f, -0.05f}, logits, 1e-6f);
        float[] labels = {1, 0};
        float[] grads = new float[2];
        double loss = BinaryCrossEntropy.lossAndGradient(logits, labels, 0, 2, 0.5f, grads);
        assertEquals(Math.log1p(Math.exp(-1.85)) + Math.log1p(Math.exp(-0.05)), loss, 1e-6);
    }

    @Test
    void forwardWithSelfInteractionMatchesHandComputation() {
        DlrmModel model = tinyModel(true);
        assertEquals(5, model.interaction().outputSize());
        float[] p = model.parameters();
        // R = [4.5, 0, f0.f0 = 20.25, f1.f0 = 4.5, f1.f1 = 10]
        float[] top = {0.1f, 0.0f, 0.01f, -0.1f, 0.02f, -0.3f};
        System.arraycopy(top, 0, p, 6, top.length);
        float[] logits = predict(model, new float[] {2, 1}, new float[] {1, 3});
        assertEquals(0.45 + 0.2025 - 0.45 + 0.2 - 0.3, logits[0], 1e-6);
    }

    private static float[] predict(DlrmModel model, float[] dense, float[] pooled) {
        int batch = dense.length / 2;
        float[] logits = new float[batch];
        model.predict(new DlrmWorkspace(model, batch), dense, pooled, 0, batch, logits);
        return logits;
    }

    @Test
    void kaggleArchitectureHasTheReferenceSizes() {
        DlrmModel model = new DlrmModel(LayerSizes.parse("13-512-256-64-16", "bottom"), new int[] {512, 256, 1},
                26, 16, false);
        assertEquals(367, model.interaction().outputSize());
        assertEquals("367-512-256-1", model.top().sizes().toString());
        int expected = 13 * 512 + 512 + 512 * 256 + 256 + 256 * 64 + 64 + 64 * 16 + 16
                + 367 * 512 + 512 + 512 * 256 + 256 + 256 + 1;
        assertEquals(expected, model.numParameters());
    }

    @Test
    void initializationFollowsTheReferenceScales() {
        DlrmModel model = new DlrmModel(LayerSizes.parse("13-512-256", "bottom"), new int[] {1}, 0, 256, false);
        model.initialize(1);
        DenseLayer layer = model.bottom().layers().get(1);
        double sumSquares = 0;
        int count = layer.inputSize() * layer.outputSize();
        for (int i = 0; i < count; i++) {
            double w = model.parameters()[layer.weightOffset() + i];
            sumSquares += w * w;
        }
        assertEquals(2.0 / (512 + 256), sumSquares / count, 0.05 * 2.0 / (512 + 256));
    }

    @Test
    void rejectsMismatchedSizes() {
        IllegalArgumentException bottom = assertThrows(IllegalArgumentException.class,
                () -> new DlrmModel(LayerSizes.parse("13-64-8", "bottom"), new int[] {1}, 26, 16, false));
        assertEquals(true, bottom.getMessage().contains("16"), bottom.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new DlrmModel(LayerSizes.parse("13-16", "bottom"), new int[] {4, 2}, 26, 16, false));
        IllegalArgumentException parse = assertThrows(IllegalArgumentException.class,
                () -> LayerSizes.parse("13-x-16", "bottomMlp"));
        assertEquals(true, parse.getMessage().contains("bottomMlp") && parse.getMessage().contains("'x'"),
                parse.getMessage());
    }
}
