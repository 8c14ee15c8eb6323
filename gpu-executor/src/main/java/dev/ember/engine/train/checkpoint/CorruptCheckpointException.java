package dev.ember.engine.train.checkpoint;

import java.io.IOException;

/** A checkpoint that is incomplete, truncated, corrupted or written for another configuration. */
public final class CorruptCheckpointException extends IOException {
    private static final long serialVersionUID = 1L;

    public CorruptCheckpointException(String message) {
        super(message);
    }
}
