package dev.ember.jobs.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ember.engine.metrics.ExactAuc;
import dev.ember.engine.metrics.MetricsAccumulator;
import dev.ember.jobs.spark.TestSpark;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.mllib.evaluation.BinaryClassificationMetrics;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import scala.Tuple2;

/** Ember's exact AUC (ties averaged) must equal Spark MLlib's area under the ROC curve, ties included. */
class AucAgreesWithSparkMllibTest {

    @ParameterizedTest(name = "{0} distinct score levels")
    @ValueSource(ints = {5, 100, 1_000_000})
    void sameAreaUnderRoc(int levels) {
        SplittableRandom random = new SplittableRandom(levels);
        int n = 20_000;
        float[] scores = new float[n];
        float[] labels = new float[n];
        List<Tuple2<Object, Object>> pairs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextDouble() < 0.3 ? 1f : 0f;
            // Scores informative but noisy; few levels force many ties.
            double raw = labels[i] * 0.8 + random.nextGaussian();
            scores[i] = (float) Math.floor(raw * levels / 8.0);
            pairs.add(new Tuple2<>((double) scores[i], (double) labels[i]));
        }
        JavaSparkContext context = JavaSparkContext.fromSparkContext(TestSpark.session().sparkContext());
        // numBins = 0: no down-sampling of the curve, so MLlib's area is exact.
        double mllib = new BinaryClassificationMetrics(context.parallelize(pairs, 2).rdd(), 0).areaUnderROC();
        double ember = ExactAuc.compute(scores, labels, n);
        assertEquals(mllib, ember, 1e-9);

        MetricsAccumulator accumulator = new MetricsAccumulator();
        accumulator.add(scores, 0, labels, 0, n);
        assertEquals(mllib, accumulator.result().auc(), 1e-9, "the streaming accumulator gives the same AUC");
    }
}
