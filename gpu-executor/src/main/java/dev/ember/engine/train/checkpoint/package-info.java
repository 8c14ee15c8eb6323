/**
 * Training checkpoints: one directory per checkpoint holding binary state files and a manifest with the size
 * and SHA-256 of every file (and of itself). Written into a temporary directory, forced to disk, then renamed
 * atomically; readers verify every checksum before parsing and reject a corrupted or truncated checkpoint
 * with a message naming the file.
 */
package dev.ember.engine.train.checkpoint;
