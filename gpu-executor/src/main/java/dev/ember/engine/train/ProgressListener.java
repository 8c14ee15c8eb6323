package dev.ember.engine.train;

/** Receives progress events every {@code progressIntervalSeconds} (every step when that is 0). */
@FunctionalInterface
public interface ProgressListener {

    void onProgress(ProgressEvent event);

    /** The default: one line to standard error per event. */
    static ProgressListener toStandardError() {
        return event -> System.err.println(event.toLine());
    }
}
