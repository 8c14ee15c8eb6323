package dev.ember.jobs.experiment;

import java.util.Arrays;
import java.util.Locale;

/** How a point of a sweep ended. */
public enum PointStatus {
    OK,
    FAILED;

    public static PointStatus parse(String value, String source) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("Invalid status '" + value + "' in " + source
                    + ": expected one of " + Arrays.toString(values()).toLowerCase(Locale.ROOT));
        }
    }
}
