package dev.ember.engine.optim;

import dev.ember.engine.Choices;

/** The optimizer of the dense (MLP) parameters. */
public enum DenseOptimizerType {
    SGD,
    ADAGRAD,
    ADAM;

    /** Parses "sgd", "Adam", ...; the error names the source and lists the allowed values. */
    public static DenseOptimizerType parse(String value, String source) {
        return Choices.parse(DenseOptimizerType.class, "dense optimizer", value, source);
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
