package dev.ember.engine.format;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Little-endian views of float32, binary16 and int64 values inside byte arrays. */
public final class ByteViews {
    private static final VarHandle FLOAT = MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private ByteViews() {
    }

    public static float getFloat(byte[] data, int offset) {
        return (float) FLOAT.get(data, offset);
    }

    public static void putFloat(byte[] data, int offset, float value) {
        FLOAT.set(data, offset, value);
    }

    public static long getLong(byte[] data, int offset) {
        return (long) LONG.get(data, offset);
    }

    public static void putLong(byte[] data, int offset, long value) {
        LONG.set(data, offset, value);
    }

    public static short getShort(byte[] data, int offset) {
        return (short) SHORT.get(data, offset);
    }

    public static void putShort(byte[] data, int offset, short value) {
        SHORT.set(data, offset, value);
    }
}
