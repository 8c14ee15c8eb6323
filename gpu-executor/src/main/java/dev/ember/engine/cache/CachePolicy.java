package dev.ember.engine.cache;

import java.util.Arrays;
import java.util.Locale;

/** Which cached row a miss evicts (design.md section 3). */
public enum CachePolicy {
    /** Least recently used slot of the set that was not used in the current step. */
    LRU,
    /** Least frequently used row; a missed row is admitted only if its count is at least the victim's. */
    LFU;

    /** Parses "lru", "LFU", ...; the error lists the allowed values and names the source. */
    public static CachePolicy parse(String value, String source) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("Invalid cache policy '" + value + "' in " + source
                    + ": expected one of " + Arrays.toString(values()).toLowerCase(Locale.ROOT));
        }
    }
}
