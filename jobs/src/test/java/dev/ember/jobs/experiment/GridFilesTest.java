package dev.ember.jobs.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ember.engine.cache.CachePolicy;
import dev.ember.engine.format.Precision;
import dev.ember.engine.format.QParamsPrecision;
import dev.ember.engine.format.Rounding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class GridFilesTest {

    private static ExperimentGrid json(String text) {
        return GridFiles.parseJson(text, "test.json", "test");
    }

    private static String failure(String jsonText) {
        return assertThrows(IllegalArgumentException.class, () -> json(jsonText)).getMessage();
    }

    @Test
    void jsonGridReadsEveryKey() {
        ExperimentGrid grid = json("""
                {"name": "g1", "description": "d", "precision": ["fp32", "INT8", "int4"], "qparams": "fp32",
                 "cache_load_factor": [0, "0.1%", 0.05], "cache_policy": ["lru", "lfu"],
                 "rounding": ["stochastic", "nearest"], "seeds": [1, 2], "collapse_equivalent": false,
                 "train": {"epochs": 2, "batch-size": "256"}}""");
        assertEquals("g1", grid.name());
        assertEquals(List.of(Precision.FP32, Precision.INT8, Precision.INT4), grid.precisions());
        assertEquals(List.of(QParamsPrecision.FP32), grid.qparams());
        assertEquals(List.of(0.0, 0.001, 0.05), grid.cacheLoadFactors());
        assertEquals(List.of(CachePolicy.LRU, CachePolicy.LFU), grid.cachePolicies());
        assertEquals(List.of(Rounding.STOCHASTIC, Rounding.NEAREST), grid.roundings());
        assertEquals(List.of(1L, 2L), grid.seeds());
        assertEquals(Map.of("epochs", "2", "batch-size", "256"), grid.trainFlags());
        assertEquals(3 * 3 * 2 * 2 * 2, grid.expand().size());
    }

    @Test
    void propertiesGridMatchesTheJsonOne() {
        ExperimentGrid fromProperties = GridFiles.parseProperties("""
                name = g1
                precision = fp32, int8
                cache_load_factor = 0, 5%
                cache_policy = lru
                seeds = 7
                train.epochs = 1
                """, "test.properties", "test");
        ExperimentGrid fromJson = json("""
                {"name": "g1", "precision": ["fp32", "int8"], "cache_load_factor": [0, 0.05], "cache_policy": "lru",
                 "seeds": 7, "train": {"epochs": "1"}}""");
        assertEquals(fromJson, fromProperties);
        assertEquals(List.of(QParamsPrecision.FP16), fromJson.qparams());
        assertEquals(List.of(Rounding.STOCHASTIC), fromJson.roundings());
    }

    @Test
    void collapsingDropsPointsThatCannotDiffer() {
        ExperimentGrid grid = json("""
                {"precision": ["fp32", "fp16", "int8"], "qparams": ["fp16", "fp32"], "cache_load_factor": [0, 0.01],
                 "cache_policy": ["lru", "lfu"], "rounding": ["stochastic", "nearest"]}""");
        List<ExperimentPoint> points = grid.expand();
        // FP32: 1 point. FP16: 2 roundings x (no cache + 2 policies) = 6. INT8: 2 qparams x 2 roundings x 3 = 12.
        assertEquals(1 + 6 + 12, points.size());
        ExperimentPoint first = points.get(0);
        assertEquals(Precision.FP32, first.precision());
        assertEquals(0.0, first.cacheLoadFactor());
        assertEquals("fp32_qfp16_cache0pct_lru_stochastic_seed1", first.pointId());
        assertEquals(points.size(), points.stream().map(ExperimentPoint::pointId).distinct().count());
    }

    @Test
    void badPrecisionNamesTheValueAndListsTheAllowedOnes() {
        String message = failure("{\"precision\": [\"int8\", \"int3\"], \"cache_load_factor\": 0}");
        assertTrue(message.contains("'int3'"), message);
        assertTrue(message.contains("precision"), message);
        assertTrue(message.contains("[fp32, fp16, int8, int4, int2]"), message);
        assertTrue(message.contains("test.json"), message);
    }

    @Test
    void badPolicyRoundingAndQparamsAreRejected() {
        assertTrue(failure("{\"precision\": \"int8\", \"cache_load_factor\": 0, \"cache_policy\": \"fifo\"}")
                .contains("'fifo'"));
        assertTrue(failure("{\"precision\": \"int8\", \"cache_load_factor\": 0, \"rounding\": \"up\"}")
                .contains("[stochastic, nearest]"));
        assertTrue(failure("{\"precision\": \"int8\", \"cache_load_factor\": 0, \"qparams\": \"bf16\"}")
                .contains("[fp16, fp32]"));
    }

    @Test
    void loadFactorOutOfRangeOrNotANumberIsRejected() {
        String tooBig = failure("{\"precision\": \"int8\", \"cache_load_factor\": [0.05, 1.5]}");
        assertTrue(tooBig.contains("'1.5'") && tooBig.contains("cache_load_factor") && tooBig.contains("[0, 1]"),
                tooBig);
        assertTrue(failure("{\"precision\": \"int8\", \"cache_load_factor\": \"-1%\"}").contains("'-1%'"));
        assertTrue(failure("{\"precision\": \"int8\", \"cache_load_factor\": \"five\"}").contains("'five'"));
        assertTrue(failure("{\"precision\": \"int8\", \"cache_load_factor\": 0, \"seeds\": \"x\"}").contains("'x'"));
    }

    @Test
    void unknownMissingDuplicateAndSweptKeysAreRejected() {
        String unknown = failure("{\"precisions\": \"int8\", \"cache_load_factor\": 0}");
        assertTrue(unknown.contains("'precisions'") && unknown.contains("allowed keys"), unknown);
        assertTrue(failure("{\"precision\": \"int8\"}").contains("missing key 'cache_load_factor'"));
        assertTrue(failure("{\"precision\": [\"int8\", \"INT8\"], \"cache_load_factor\": 0}").contains("twice"));
        String swept = failure("{\"precision\": \"int8\", \"cache_load_factor\": 0, \"train\": {\"seed\": 3}}");
        assertTrue(swept.contains("'seed'"), swept);
        assertTrue(failure("{\"precision\": \"int8\", \"cache_load_factor\": 0, \"name\": \"a b\"}").contains("'a b'"));
        assertTrue(failure("{\"precision\": [], \"cache_load_factor\": 0}").contains("at least one value"));
        assertTrue(failure("[1, 2]").contains("JSON object"));
        assertTrue(failure("{\"precision\": ").contains("not valid JSON"));
    }

    @Test
    void readChoosesTheFormatByExtension(@org.junit.jupiter.api.io.TempDir Path folder) throws IOException {
        Path yaml = Files.writeString(folder.resolve("grid.yaml"), "precision: int8");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GridFiles.read(yaml)).getMessage()
                .contains(".json or .properties"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> GridFiles.read(folder.resolve("none.json")))
                .getMessage().contains("does not exist"));
        Path properties = Files.writeString(folder.resolve("mine.properties"), "precision=int8\ncache_load_factor=0\n");
        assertEquals("mine", GridFiles.read(properties).name());
    }

    @Test
    void effectiveGridWrittenAsJsonReadsBackEqual() throws IOException {
        ExperimentGrid grid = json("""
                {"name": "g2", "precision": ["int4", "int2"], "cache_load_factor": ["0.1%", "20%"],
                 "cache_policy": "lfu", "seeds": [3, 4], "train": {"epochs": 1}}""");
        String text = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(GridFiles.toJsonMap(grid));
        assertEquals(grid, json(text));
    }

    @Test
    void everyShippedGridParses() throws IOException {
        Path grids = TestPaths.repositoryRoot().resolve("conf/experiments");
        List<Path> files;
        try (Stream<Path> listing = Files.list(grids)) {
            files = listing.filter(p -> p.toString().endsWith(".json") || p.toString().endsWith(".properties"))
                    .sorted().toList();
        }
        assertFalse(files.isEmpty(), "no grid files in " + grids);
        for (Path file : files) {
            ExperimentGrid grid = GridFiles.read(file);
            assertFalse(grid.expand().isEmpty(), file.toString());
        }
        // The point counts docs/experiments.md quotes.
        assertEquals(5, GridFiles.read(grids.resolve("smoke.json")).expand().size());
        assertEquals(13, GridFiles.read(grids.resolve("paper.json")).expand().size());
        assertEquals(7, GridFiles.read(grids.resolve("paper-core.json")).expand().size());
        assertEquals(16, GridFiles.read(grids.resolve("cache-policy.properties")).expand().size());
        ExperimentGrid full = GridFiles.read(grids.resolve("full.json"));
        assertEquals(219, full.expand().size());
        assertEquals(List.of(Precision.FP32, Precision.FP16, Precision.INT8, Precision.INT4, Precision.INT2),
                full.precisions());
        assertEquals(List.of(0.0, 0.001, 0.01, 0.05, 0.2), full.cacheLoadFactors());
    }
}
