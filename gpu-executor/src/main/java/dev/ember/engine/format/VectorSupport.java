package dev.ember.engine.format;

/**
 * Decides once whether the row kernels use the incubating Vector API ({@link VectorRowKernels}) or the scalar
 * loops, which are the reference. Vectors are used when the {@code jdk.incubator.vector} module is present
 * (JVM flag {@code --add-modules jdk.incubator.vector}), the CPU has 256-bit vectors or wider, and
 * {@code -Dember.vector=false} is not set. When they are not, one log line says why and how to turn them on.
 * Both paths give bit-identical results (the same float operations per element, no fused multiply-add).
 */
public final class VectorSupport {
    private static final boolean ENABLED = decide();
    private static final boolean WIDE = ENABLED && VectorRowKernels.preferredBits() >= 512;

    private VectorSupport() {
    }

    /** True when the vector kernels are in use. */
    public static boolean enabled() {
        return ENABLED;
    }

    /**
     * True when, in addition, the CPU has 512-bit vectors (AVX-512): the kernels written for 16 float lanes
     * ({@code dev.ember.engine.kernel}, INT8/INT4 encoding) run only then; with 256-bit vectors C2 would not
     * intrinsify them and they would be far slower than the scalar loops.
     */
    public static boolean wideEnabled() {
        return WIDE;
    }

    private static boolean decide() {
        System.Logger logger = System.getLogger(VectorSupport.class.getName());
        if (!Boolean.parseBoolean(System.getProperty("ember.vector", "true"))) {
            logger.log(System.Logger.Level.INFO, "Embedding row kernels: scalar (-Dember.vector=false)");
            return false;
        }
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            logger.log(System.Logger.Level.INFO, "Embedding row kernels: scalar, because the Vector API is not enabled;"
                    + " add the JVM flag --add-modules jdk.incubator.vector for the vectorized kernels");
            return false;
        }
        try {
            int bits = VectorRowKernels.preferredBits();
            if (bits < 256) {
                logger.log(System.Logger.Level.INFO, "Embedding row kernels: scalar, because this CPU's vectors are "
                        + bits + " bits (need 256 or more)");
                return false;
            }
            return true;
        } catch (LinkageError e) {
            logger.log(System.Logger.Level.INFO, "Embedding row kernels: scalar, because the Vector API failed to load: " + e);
            return false;
        }
    }
}
