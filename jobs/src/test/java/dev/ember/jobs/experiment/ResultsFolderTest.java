package dev.ember.jobs.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ember.engine.cache.CachePolicy;
import dev.ember.engine.format.Precision;
import dev.ember.engine.format.QParamsPrecision;
import dev.ember.engine.format.Rounding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsFolderTest {
    private static final ExperimentPoint INT8_CACHED =
            new ExperimentPoint(Precision.INT8, QParamsPrecision.FP16, 0.05, CachePolicy.LFU, Rounding.STOCHASTIC, 2);
    private static final ExperimentPoint INT4_PLAIN =
            new ExperimentPoint(Precision.INT4, QParamsPrecision.FP32, 0.0, CachePolicy.LRU, Rounding.NEAREST, 1);

    @TempDir
    Path folder;

    private static List<PointResult> twoResults() {
        PointMetrics metrics = new PointMetrics(0.8012, 0.4471, 0.7893, 2_000, 6_400, 0.81, 12_345.5, 42.0);
        return List.of(PointResult.ok(INT8_CACHED, metrics),
                PointResult.failed(INT4_PLAIN, "IllegalStateException: bad, \"really\"\nbad", 1.5));
    }

    @Test
    void csvHasTheAgreedHeaderAndOneLinePerPoint() throws IOException {
        ResultsFolder results = new ResultsFolder(folder);
        results.writeTable("g", twoResults());
        List<String> lines = Files.readAllLines(folder.resolve("results.csv"), StandardCharsets.UTF_8);
        assertEquals("point_id,precision,qparams,cache_load_factor,cache_policy,rounding,seed,test_auc,test_logloss,"
                + "test_accuracy,embedding_bytes,fp32_bytes,memory_ratio,hit_rate,samples_per_second,train_seconds,"
                + "status,error", lines.get(0));
        assertEquals(3, lines.size());
        List<String> ok = CsvText.split(lines.get(1));
        assertEquals(ResultRows.COLUMNS.size(), ok.size());
        assertEquals("int8_qfp16_cache5pct_lfu_stochastic_seed2", ok.get(0));
        assertEquals("0.05", ok.get(3));
        assertEquals("0.8012", ok.get(7));
        assertEquals("2000", ok.get(10));
        assertEquals(3.2, Double.parseDouble(ok.get(12)), 1e-12);
        assertEquals("ok", ok.get(16));
        List<String> failed = CsvText.split(lines.get(2));
        assertEquals(ResultRows.COLUMNS.size(), failed.size());
        assertEquals("", failed.get(7), "a failed point has no AUC");
        assertEquals("failed", failed.get(16));
        assertEquals("IllegalStateException: bad, \"really\" bad", failed.get(17));
    }

    @Test
    void jsonTableReadsBackEqual() throws IOException {
        ResultsFolder results = new ResultsFolder(folder);
        results.writeTable("grid-a", twoResults());
        List<PointResult> read = results.readTable();
        assertEquals(2, read.size());
        assertEquals(twoResults().get(0), read.get(0));
        assertEquals(INT4_PLAIN, read.get(1).point());
        assertEquals(PointStatus.FAILED, read.get(1).status());
        assertEquals(1.5, read.get(1).metrics().trainSeconds());
        assertTrue(Double.isNaN(read.get(1).metrics().testAuc()));
        assertEquals("grid-a", results.readGridName());
        String json = Files.readString(folder.resolve("results.json"));
        assertTrue(json.contains("\"test_auc\" : null"), "missing values are null in JSON, not NaN: " + json);
    }

    @Test
    void curveRoundTripsWithEmptyValidationCells() throws IOException {
        Path file = folder.resolve("p/curve.csv");
        List<CurvePoint> curve = List.of(new CurvePoint(100, 12_800, 0.52, Double.NaN, Double.NaN),
                new CurvePoint(200, 25_600, 0.47, 0.79, 0.46));
        CurveCsv.write(file, curve);
        List<String> lines = Files.readAllLines(file);
        assertEquals("step,samples,train_loss,validation_auc,validation_logloss", lines.get(0));
        assertEquals("100,12800,0.52,,", lines.get(1));
        List<CurvePoint> read = CurveCsv.read(file);
        assertEquals(curve, read);
        assertEquals(List.of(), CurveCsv.read(folder.resolve("absent.csv")));
    }

    @Test
    void completedPointIsFoundOnlyWithTheSameFlags() throws IOException {
        ResultsFolder results = new ResultsFolder(folder);
        PointResult ok = twoResults().get(0);
        results.writePointResult(ok, Map.of("epochs", "1", "precision", "int8"));
        assertEquals(ok, results.readCompletedPoint(INT8_CACHED, Map.of("precision", "int8", "epochs", "1"))
                .orElseThrow());
        assertTrue(results.readCompletedPoint(INT8_CACHED, Map.of("epochs", "2", "precision", "int8")).isEmpty());
        results.writePointResult(twoResults().get(1), Map.of());
        assertTrue(results.readCompletedPoint(INT4_PLAIN, Map.of()).isEmpty(), "failed points are run again");
    }

    @Test
    void missingOrBrokenResultsAreReportedWithTheFile() throws IOException {
        ResultsFolder results = new ResultsFolder(folder);
        String missing = assertThrows(IllegalArgumentException.class, results::readTable).getMessage();
        assertTrue(missing.contains("results.json") && missing.contains("does not exist"), missing);
        Files.writeString(folder.resolve("results.json"),
                "{\"results\": [{\"point_id\": \"x\", \"precision\": \"int9\"}]}");
        String bad = assertThrows(IllegalArgumentException.class, results::readTable).getMessage();
        assertTrue(bad.contains("'int9'"), bad);
    }
}
