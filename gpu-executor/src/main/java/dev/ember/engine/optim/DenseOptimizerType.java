package dev.ember.engine.optim;

import java.util.Arrays;
import java.util.Locale;

/** The optimizer of the dense (MLP) parameters. */
public enum DenseOptimizerType {
    SGD,
    ADAGRAD,
    ADAM;

    /** Parses "sgd", "Adam", ...; the error names the source and lists the allowed values. */
    public static DenseOptimizerType parse(String value, String source) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("Invalid dense optimizer '" + value + "' in " + source
                    + ": expected one of " + Arrays.toString(values()).toLowerCase(Locale.ROOT));
        }
    }

    /** A fresh optimizer of this type for {@code numParameters} parameters. */
    public DenseOptimizer create(int numParameters) {
        return switch (this) {
            case SGD -> new SgdOptimizer();
            case ADAGRAD -> new AdagradOptimizer(numParameters);
            case ADAM -> new AdamOptimizer(numParameters);
        };
    }
}
