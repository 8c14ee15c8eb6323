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

    private VectorSupport() {
    }

    /** True when the vector kernels are in use. */
    public static boolean enabled() {
        return ENABLED;
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
