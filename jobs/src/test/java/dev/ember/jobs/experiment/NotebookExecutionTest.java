package dev.ember.jobs.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Executes notebooks/results.ipynb headless ({@code jupyter nbconvert --to notebook --execute}) on a tiny
 * results folder written by the sweep, with Debian's python3 first on PATH. Skipped, with the reason, when
 * jupyter or the Python modules are absent (Debian packages: jupyter-nbconvert python3-ipykernel
 * python3-matplotlib python3-pandas).
 */
class NotebookExecutionTest {
    private static final List<String> CHART_FILES = List.of("auc-vs-memory-ratio.png", "auc-vs-cache.png",
            "hit-rate-vs-cache.png", "training-curves.png");
    private static final String PATH_PREFIX = "/usr/bin:/bin";

    @TempDir
    Path folder;

    @Test
    void resultsNotebookDrawsTheFourCharts() throws Exception {
        Path jupyter = findOnPath("jupyter").orElse(null);
        Assumptions.assumeTrue(jupyter != null, "jupyter is not installed: apt-get install jupyter-nbconvert"
                + " python3-ipykernel python3-matplotlib python3-pandas");
        String missing = missingPythonModules(jupyter.getParent().resolve("python3"));
        Assumptions.assumeTrue(missing.isEmpty(), "Python modules for the notebook are missing: " + missing);

        Path results = writeTinyResults();
        Path figures = folder.resolve("figures");
        Path notebook = TestPaths.repositoryRoot().resolve("notebooks/results.ipynb");
        Path executed = folder.resolve("executed");
        ProcessResult run = runProcess(List.of(jupyter.toString(), "nbconvert", "--to", "notebook", "--execute",
                "--ExecutePreprocessor.timeout=180", "--ExecutePreprocessor.kernel_name=python3",
                "--output-dir", executed.toString(), "--output", "results-executed", notebook.toString()),
                Map.of("EMBER_RESULTS", results.toString(), "EMBER_FIGURES", figures.toString()), 300);
        assertEquals(0, run.exitCode(), "nbconvert failed:\n" + run.output());

        JsonNode executedNotebook = new ObjectMapper().readTree(executed.resolve("results-executed.ipynb").toFile());
        int images = 0;
        StringBuilder printed = new StringBuilder();
        for (JsonNode cell : executedNotebook.get("cells")) {
            for (JsonNode output : cell.path("outputs")) {
                if (output.path("data").has("image/png")) {
                    images++;
                }
                output.path("text").forEach(line -> printed.append(line.asText()));
            }
        }
        assertEquals(4, images, "one image output per chart");
        assertTrue(printed.toString().contains("7 points, 6 ok, 1 failed"), printed.toString());
        for (String chart : CHART_FILES) {
            assertTrue(Files.size(figures.resolve(chart)) > 1000, chart);
        }
    }

    /** A sweep of 7 points (one failed) with the synthetic runner: what the notebook reads. */
    private Path writeTinyResults() throws IOException {
        ExperimentGrid grid = GridFiles.parseJson("""
                {"name": "notebook", "precision": ["fp32", "int8", "int4"], "cache_load_factor": [0, "5%"],
                 "cache_policy": ["lru", "lfu"], "seeds": [1]}""", "notebook.json", "notebook");
        Path data = Files.createDirectories(folder.resolve("data"));
        SyntheticPointRunner runner = new SyntheticPointRunner(Set.of("int4_qfp16_cache5pct_lfu_stochastic_seed1"));
        ExperimentReport report = Experiments.run(grid, data.toString(), folder.resolve("results"), runner);
        assertEquals(7, report.totalPoints());
        return report.resultsDirectory();
    }

    private static Optional<Path> findOnPath(String program) {
        String path = PATH_PREFIX + File.pathSeparator + System.getenv().getOrDefault("PATH", "");
        for (String directory : path.split(File.pathSeparator)) {
            Path candidate = Path.of(directory).resolve(program);
            if (!directory.isEmpty() && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private String missingPythonModules(Path python) throws IOException, InterruptedException {
        if (!Files.isExecutable(python)) {
            return "no python3 next to jupyter (" + python + ")";
        }
        String script = "import importlib.util as u; print(' '.join(m for m in"
                + " ['nbconvert', 'ipykernel', 'pandas', 'matplotlib'] if u.find_spec(m) is None))";
        ProcessResult probe = runProcess(List.of(python.toString(), "-c", script), Map.of(), 60);
        return probe.exitCode() == 0 ? probe.output().trim() : "python3 failed: " + probe.output();
    }

    private record ProcessResult(int exitCode, String output) {
    }

    private ProcessResult runProcess(List<String> command, Map<String, String> environment, int timeoutSeconds)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("PATH", PATH_PREFIX + File.pathSeparator + env.getOrDefault("PATH", ""));
        env.put("MPLCONFIGDIR", folder.resolve("mpl").toString());
        env.put("JUPYTER_RUNTIME_DIR", folder.resolve("jupyter-runtime").toString());
        env.put("IPYTHONDIR", folder.resolve("ipython").toString());
        env.remove("MPLBACKEND");
        env.putAll(environment);
        Path log = folder.resolve("process-" + System.nanoTime() + ".log");
        builder.redirectOutput(log.toFile());
        Process process = builder.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(command.get(0) + " did not finish within " + timeoutSeconds + " s:\n"
                    + Files.readString(log, StandardCharsets.UTF_8));
        }
        return new ProcessResult(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
