package dev.ember.engine.cache;

import dev.ember.engine.Choices;

/** Which cached row a miss evicts (design.md section 3). */
public enum CachePolicy {
    /** Least recently used slot of the set that was not used in the current step. */
    LRU,
    /** Least frequently used row; a missed row is admitted only if its count is at least the victim's. */
    LFU;

    /** Parses "lru", "LFU", ...; the error lists the allowed values and names the source. */
    public static CachePolicy parse(String value, String source) {
        return Choices.parse(CachePolicy.class, "cache policy", value, source);
    }
}
