/**
 * The embedding engine's hot loops, specialised per row format: sum pooling of bags and the sparse SGD update,
 * straight over a table's chunked storage. Each format's loops live in their own final class, so a loop is one
 * compiled method with its row decode inlined (no virtual call per row, no profile shared between formats) and
 * its vectors kept in registers. They compute exactly what the row codecs compute, element by element, so the
 * results are bit-identical to the codecs' (the reference); {@link dev.ember.engine.kernel.TableKernels#of}
 * falls back to loops over the codecs where no specialised kernel exists.
 */
package dev.ember.engine.kernel;
