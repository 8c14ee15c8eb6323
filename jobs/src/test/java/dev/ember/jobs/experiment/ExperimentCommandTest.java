package dev.ember.jobs.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ember.jobs.cli.Flags;
import dev.ember.jobs.cli.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two commands' flag handling; every failure here happens before Spark would start. */
class ExperimentCommandTest {
    @TempDir
    Path folder;

    private final ExperimentCommand experiment = new ExperimentCommand(spark -> {
        throw new AssertionError("Spark must not start for a bad command line");
    });

    @Test
    void unknownOrMissingFlagsAreUsageErrors() {
        String unknown = assertThrows(UsageException.class,
                () -> experiment.run(Flags.of(Map.of("data", "d", "grid", "g.json", "seeds", "1")))).getMessage();
        assertTrue(unknown.contains("--seeds") && unknown.contains("--grid"), unknown);
        String missing = assertThrows(UsageException.class, () -> experiment.run(Flags.of(Map.of("data", "d"))))
                .getMessage();
        assertTrue(missing.contains("--grid"), missing);
        assertThrows(UsageException.class, () -> new ReportCommand().run(Flags.of(Map.of())));
    }

    @Test
    void badGridFailsBeforeSparkStarts() throws Exception {
        Path grid = Files.writeString(folder.resolve("bad.json"),
                "{\"precision\": \"int7\", \"cache_load_factor\": 0}");
        String message = assertThrows(IllegalArgumentException.class, () -> experiment.run(
                Flags.of(Map.of("data", folder.toString(), "grid", grid.toString())))).getMessage();
        assertTrue(message.contains("'int7'") && message.contains("bad.json"), message);
    }

    @Test
    void reportCommandRedrawsAResultsFolderAndReturnsItsJson() throws Exception {
        Path data = Files.createDirectories(folder.resolve("data"));
        ExperimentGrid grid = GridFiles.parseJson(ExperimentSweepTest.TINY_GRID, "tiny.json", "tiny");
        ExperimentReport sweep = Experiments.run(grid, data.toString(), folder.resolve("out"),
                new SyntheticPointRunner(Set.of()));
        Files.delete(sweep.reportHtml());
        String printed = new ReportCommand().run(Flags.of(Map.of("results", sweep.resultsDirectory().toString())));
        assertEquals(sweep.resultsJson().toString(), printed);
        assertTrue(Files.exists(sweep.reportHtml()));
        assertEquals("experiment", experiment.name());
        assertTrue(experiment.usage().contains("--grid"));
    }
}
