package dev.ember.jobs.experiment;

import dev.ember.engine.cache.CachePolicy;
import dev.ember.engine.format.Precision;
import dev.ember.engine.format.Rounding;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Stroke;

/**
 * The report's visual code, the same in every chart: one colour per precision, darker for LFU, dashed lines for
 * nearest rounding, a dashed grey line for the FP32 baseline.
 */
final class ChartStyle {
    static final Stroke SOLID = new BasicStroke(2.0f);
    static final Stroke DASHED = new BasicStroke(2.0f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1.0f,
            new float[] {7.0f, 5.0f}, 0.0f);
    static final Stroke BASELINE = new BasicStroke(1.0f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1.0f,
            new float[] {6.0f, 4.0f}, 0.0f);

    private ChartStyle() {
    }

    static Color color(Precision precision) {
        return switch (precision) {
            case FP32 -> new Color(0x33, 0x33, 0x33);
            case FP16 -> new Color(0x1f, 0x77, 0xb4);
            case INT8 -> new Color(0x2c, 0xa0, 0x2c);
            case INT4 -> new Color(0xff, 0x7f, 0x0e);
            case INT2 -> new Color(0xd6, 0x27, 0x28);
        };
    }

    /** The colour of a line of points like {@code sample}: its precision's, darker when the policy is LFU. */
    static Color color(ExperimentPoint sample) {
        Color base = color(sample.precision());
        return sample.cacheLoadFactor() > 0 && sample.cachePolicy() == CachePolicy.LFU ? base.darker() : base;
    }

    static Stroke stroke(ExperimentPoint sample) {
        return sample.precision() != Precision.FP32 && sample.rounding() == Rounding.NEAREST ? DASHED : SOLID;
    }
}
