package dev.ember.jobs.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentSweepTest {
    static final String TINY_GRID = """
            {"name": "tiny", "precision": ["fp32", "int8", "int4"], "cache_load_factor": [0, "1%", "5%"],
             "cache_policy": ["lru", "lfu"], "rounding": ["stochastic", "nearest"], "seeds": [1],
             "train": {"epochs": 1}}""";
    private static final String FAILING = "int4_qfp16_cache1pct_lfu_nearest_seed1";
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @TempDir
    Path folder;

    private ExperimentReport sweep(SyntheticPointRunner runner) throws IOException {
        Path data = Files.createDirectories(folder.resolve("data"));
        ExperimentGrid grid = GridFiles.parseJson(TINY_GRID, "tiny.json", "tiny");
        return Experiments.run(grid, data.toString(), folder.resolve("out"), runner);
    }

    @Test
    void failedPointIsRecordedAndTheSweepGoesOn() throws IOException {
        SyntheticPointRunner runner = new SyntheticPointRunner(Set.of(FAILING));
        ExperimentReport report = sweep(runner);
        // FP32: 1; INT8 and INT4: 2 roundings x (no cache + 2 sizes x 2 policies) = 10 each.
        assertEquals(21, report.totalPoints());
        assertEquals(21, runner.trained().size());
        assertEquals(1, report.failedPoints());
        assertEquals(20, report.okPoints());
        assertTrue(runner.trained().indexOf(FAILING) < runner.trained().size() - 1, "points after the failure ran");
        List<PointResult> table = new ResultsFolder(report.resultsDirectory()).readTable();
        PointResult failed = table.stream().filter(r -> r.point().pointId().equals(FAILING)).findFirst().orElseThrow();
        assertEquals(PointStatus.FAILED, failed.status());
        assertTrue(failed.error().contains("synthetic failure"), failed.error());
        Path pointDirectory = report.resultsDirectory().resolve("points").resolve(FAILING);
        assertTrue(Files.readString(pointDirectory.resolve("error.txt")).contains("IllegalStateException"));
        assertTrue(Files.exists(report.resultsDirectory().resolve("grid.json")));
        PointResult ok = table.get(1);
        assertTrue(ok.metrics().trainSeconds() >= 0, "the sweep fills in the seconds the runner did not measure");
        assertEquals(5, CurveCsv.read(report.resultsDirectory().resolve("points").resolve(ok.point().pointId())
                .resolve("curve.csv")).size());
    }

    @Test
    void secondRunSkipsCompletedPointsAndRetriesFailedOnes() throws IOException {
        sweep(new SyntheticPointRunner(Set.of(FAILING)));
        SyntheticPointRunner again = new SyntheticPointRunner(Set.of());
        ExperimentReport report = sweep(again);
        assertEquals(List.of(FAILING), again.trained());
        assertEquals(20, report.skippedPoints());
        assertEquals(21, report.okPoints());
        assertFalse(Files.exists(report.resultsDirectory().resolve("points").resolve(FAILING).resolve("error.txt")));
    }

    @Test
    void reportReferencesValidPngChartsThatExist() throws IOException {
        ExperimentReport report = sweep(new SyntheticPointRunner(Set.of(FAILING)));
        String html = Files.readString(report.reportHtml());
        List<String> images = imageSources(html);
        assertTrue(images.containsAll(List.of("charts/auc-vs-memory-ratio.png", "charts/auc-vs-cache.png",
                "charts/hit-rate-vs-cache.png", "charts/training-curves-fp32.png", "charts/training-curves-int8.png",
                "charts/training-curves-int4.png")), images.toString());
        for (String image : images) {
            Path file = report.resultsDirectory().resolve(image);
            byte[] bytes = Files.readAllBytes(file);
            assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(bytes, 8), image + " is not a PNG");
            BufferedImage decoded = ImageIO.read(file.toFile());
            assertNotNull(decoded, image);
            assertEquals(ExperimentCharts.WIDTH, decoded.getWidth());
            assertEquals(ExperimentCharts.HEIGHT, decoded.getHeight());
        }
        assertTrue(html.contains(FAILING) && html.contains("synthetic failure of"), "failed point listed");
        assertTrue(html.contains("&quot;quotes&quot;"), "error text is escaped");
        assertTrue(html.contains("<h2>Targets</h2>") && html.contains("int8_qfp16_cache5pct_lru_stochastic_seed1"));
    }

    @Test
    void reportCanBeRegeneratedFromTheResultsFolderAlone() throws IOException {
        ExperimentReport first = sweep(new SyntheticPointRunner(Set.of()));
        Path charts = first.resultsDirectory().resolve("charts");
        try (var listing = Files.list(charts)) {
            for (Path chart : listing.toList()) {
                Files.delete(chart);
            }
        }
        Files.delete(first.reportHtml());
        ExperimentReport again = Experiments.report(first.resultsDirectory());
        assertEquals(21, again.okPoints());
        for (String image : imageSources(Files.readString(again.reportHtml()))) {
            assertTrue(Files.size(again.resultsDirectory().resolve(image)) > 1000, image);
        }
    }

    @Test
    void runnerCheckFailsTheSweepBeforeAnyTraining() throws IOException {
        SyntheticPointRunner counting = new SyntheticPointRunner(Set.of());
        GridPointRunner strict = new GridPointRunner() {
            @Override
            public PointMeasurement run(PointRequest request) {
                return counting.run(request);
            }

            @Override
            public void check(PointRequest request) {
                throw new IllegalArgumentException("Invalid value for --epochs: '"
                        + request.trainFlags().get("epochs") + "'");
            }
        };
        Path data = Files.createDirectories(folder.resolve("data"));
        ExperimentGrid grid = GridFiles.parseJson(TINY_GRID, "tiny.json", "tiny");
        String message = assertThrows(IllegalArgumentException.class,
                () -> Experiments.run(grid, data.toString(), folder.resolve("out"), strict)).getMessage();
        assertTrue(message.contains("fp32_qfp16_cache0pct_lru_stochastic_seed1") && message.contains("'1'"), message);
        assertEquals(0, counting.trained().size());
        String noData = assertThrows(IllegalArgumentException.class,
                () -> Experiments.run(grid, folder.resolve("absent").toString(), folder.resolve("out"), counting))
                .getMessage();
        assertTrue(noData.contains("absent"), noData);
    }

    @Test
    void trainFlagsCarryTheSweptSettingsAndThePointFolder() throws IOException {
        List<PointRequest> seen = new ArrayList<>();
        SyntheticPointRunner synthetic = new SyntheticPointRunner(Set.of());
        Path data = Files.createDirectories(folder.resolve("data"));
        ExperimentGrid grid = GridFiles.parseJson(TINY_GRID, "tiny.json", "tiny");
        Experiments.run(grid, data.toString(), folder.resolve("out"), request -> {
            seen.add(request);
            return synthetic.run(request);
        });
        PointRequest last = seen.get(seen.size() - 1);
        assertEquals("int4", last.trainFlags().get("precision"));
        assertEquals("0.05", last.trainFlags().get("cache-ratio"));
        assertEquals("lfu", last.trainFlags().get("cache-policy"));
        assertEquals("nearest", last.trainFlags().get("rounding"));
        assertEquals("fp16", last.trainFlags().get("qparams"));
        assertEquals("1", last.trainFlags().get("seed"));
        assertEquals("1", last.trainFlags().get("epochs"));
        assertEquals(data.toAbsolutePath().toString(), last.trainFlags().get("data"));
        assertEquals(last.pointDirectory().resolve("train").toString(), last.trainFlags().get("out"));
    }

    static List<String> imageSources(String html) {
        Matcher matcher = Pattern.compile("<img src=\"([^\"]+)\"").matcher(html);
        List<String> sources = new ArrayList<>();
        while (matcher.find()) {
            sources.add(matcher.group(1));
        }
        return sources;
    }
}
