package dev.ember.engine.optim;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** Shared serialization of optimizer state: a type tag, then float arrays with their lengths. */
final class OptimizerStates {
    private OptimizerStates() {
    }

    static void expectType(DataInput in, DenseOptimizerType expected) throws IOException {
        String found = in.readUTF();
        if (!expected.name().equals(found)) {
            throw new IOException("Optimizer state is for " + found + ", but this run uses " + expected);
        }
    }

    static void writeFloats(DataOutput out, float[] values) throws IOException {
        out.writeInt(values.length);
        for (float value : values) {
            out.writeFloat(value);
        }
    }

    static void readFloats(DataInput in, float[] values, String name) throws IOException {
        int length = in.readInt();
        if (length != values.length) {
            throw new IOException("Optimizer state '" + name + "' has " + length + " entries, the model needs "
                    + values.length);
        }
        for (int i = 0; i < length; i++) {
            values[i] = in.readFloat();
        }
    }
}
