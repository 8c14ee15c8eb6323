package dev.ember.engine;

import java.util.Arrays;
import java.util.Locale;

/** The engine's closed choices (enums) parsed from text, with one error format that lists the allowed values. */
public final class Choices {
    private Choices() {
    }

    /**
     * Parses {@code value} case-insensitively, '-' standing for '_' ("rowwise-adagrad"); a bad value gives
     * "Invalid {what} '{value}' in {source}: expected one of [...]".
     */
    public static <E extends Enum<E>> E parse(Class<E> type, String what, String value, String source) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("Invalid " + what + " '" + value + "' in " + source
                    + ": expected one of " + Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT));
        }
    }
}
