package dev.ember.engine.model;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** The Vector API path of the interaction against the scalar reference ({@code -Dember.scalar=true}). */
class DotInteractionTest {

    private static DotInteraction create(int numTables, int dim, boolean self, boolean scalar) {
        String previous = System.getProperty("ember.scalar");
        System.setProperty("ember.scalar", Boolean.toString(scalar));
        try {
            return new DotInteraction(numTables, dim, self);
        } finally {
            if (previous == null) {
                System.clearProperty("ember.scalar");
            } else {
                System.setProperty("ember.scalar", previous);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"26, 16, false", "26, 16, true", "5, 32, false", "3, 64, true"})
    void vectorPathMatchesScalarReference(int numTables, int dim, boolean self) {
        Random random = new Random(numTables + dim);
        int rows = 9;
        float[] bottom = new float[rows * dim];
        float[] pooled = new float[rows * numTables * dim];
        for (int i = 0; i < bottom.length; i++) {
            bottom[i] = (float) random.nextGaussian();
        }
        for (int i = 0; i < pooled.length; i++) {
            pooled[i] = (float) random.nextGaussian();
        }
        DotInteraction vector = create(numTables, dim, self, false);
        DotInteraction scalar = create(numTables, dim, self, true);
        float[] vectorOut = new float[rows * vector.outputSize()];
        float[] scalarOut = new float[rows * scalar.outputSize()];
        vector.forward(bottom, pooled, 0, rows, vectorOut);
        scalar.forward(bottom, pooled, 0, rows, scalarOut);
        assertArrayEquals(scalarOut, vectorOut, 1e-4f);
        float[] outputGrad = new float[vectorOut.length];
        for (int i = 0; i < outputGrad.length; i++) {
            outputGrad[i] = (float) random.nextGaussian();
        }
        float[] vectorBottomGrad = new float[bottom.length];
        float[] vectorPooledGrad = new float[pooled.length];
        float[] scalarBottomGrad = new float[bottom.length];
        float[] scalarPooledGrad = new float[pooled.length];
        vector.backward(bottom, pooled, 0, rows, outputGrad, vectorBottomGrad, vectorPooledGrad);
        scalar.backward(bottom, pooled, 0, rows, outputGrad, scalarBottomGrad, scalarPooledGrad);
        assertArrayEquals(scalarBottomGrad, vectorBottomGrad, 1e-3f);
        assertArrayEquals(scalarPooledGrad, vectorPooledGrad, 1e-3f);
    }
}
