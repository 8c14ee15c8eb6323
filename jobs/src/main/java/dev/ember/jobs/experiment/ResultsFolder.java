package dev.ember.jobs.experiment;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The layout of a sweep's output folder, and reading and writing its tables:
 * <pre>
 * grid.json                     the effective grid
 * results.csv, results.json     one row per point ({@link ResultRows#COLUMNS})
 * report.html, charts/*.png     the report ({@link HtmlReportWriter})
 * points/&lt;point_id&gt;/result.json  the point's row plus the train flags it ran with
 * points/&lt;point_id&gt;/curve.csv    its training curve ({@link CurveCsv})
 * points/&lt;point_id&gt;/error.txt    the stack trace of a failed point
 * points/&lt;point_id&gt;/train/       what the train job wrote
 * </pre>
 */
public final class ResultsFolder {
    public static final String RESULTS_CSV = "results.csv";
    public static final String RESULTS_JSON = "results.json";
    public static final String GRID_JSON = "grid.json";
    public static final String REPORT_HTML = "report.html";
    public static final String CHARTS = "charts";
    private static final String POINT_RESULT = "result.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path root;

    public ResultsFolder(Path root) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    public Path file(String name) {
        return root.resolve(name);
    }

    public Path pointDirectory(String pointId) {
        return root.resolve("points").resolve(pointId);
    }

    public Path curveFile(String pointId) {
        return pointDirectory(pointId).resolve(CurveCsv.FILE_NAME);
    }

    /** Writes {@code results.csv} and {@code results.json}; returns the JSON file. */
    public Path writeTable(String gridName, List<PointResult> results) throws IOException {
        Files.createDirectories(root);
        List<Map<String, Object>> rows = results.stream().map(ResultRows::toRow).toList();
        Path csv = root.resolve(RESULTS_CSV);
        Path csvTemp = root.resolve(RESULTS_CSV + ".tmp");
        try (BufferedWriter writer = Files.newBufferedWriter(csvTemp, StandardCharsets.UTF_8)) {
            writer.write(CsvText.line(ResultRows.COLUMNS));
            for (Map<String, Object> row : rows) {
                writer.write(CsvText.line(ResultRows.COLUMNS.stream().map(row::get).toList()));
            }
        }
        Files.move(csvTemp, csv, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Map<String, Object> table = new LinkedHashMap<>();
        table.put("grid", gridName);
        table.put("columns", ResultRows.COLUMNS);
        table.put("results", rows);
        return writeJson(root.resolve(RESULTS_JSON), table);
    }

    /** The grid name recorded in {@code results.json}. */
    public String readGridName() throws IOException {
        Object name = readJsonObject(root.resolve(RESULTS_JSON)).get("grid");
        return name == null ? root.getFileName().toString() : name.toString();
    }

    /** Reads {@code results.json}. */
    public List<PointResult> readTable() throws IOException {
        Path file = root.resolve(RESULTS_JSON);
        Object rows = readJsonObject(file).get("results");
        if (!(rows instanceof List<?> list)) {
            throw new IllegalArgumentException("Results file " + file + " has no array 'results'");
        }
        List<PointResult> results = new ArrayList<>();
        for (Object row : list) {
            if (!(row instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException("Results file " + file + ": expected an object per row, got " + row);
            }
            results.add(ResultRows.fromRow(stringKeys(map), file.toString()));
        }
        return results;
    }

    /** Writes a point's {@code result.json}: its row and the train flags it ran with. */
    public void writePointResult(PointResult result, Map<String, String> trainFlags) throws IOException {
        Map<String, Object> content = new LinkedHashMap<>(ResultRows.toRow(result));
        content.put("train_flags", new TreeMap<>(trainFlags));
        writeJson(pointDirectory(result.point().pointId()).resolve(POINT_RESULT), content);
    }

    /**
     * The result of a point that already completed with exactly these train flags, if any: a sweep that is run
     * again skips it. Failed points, and points run with other flags, are run again.
     */
    public Optional<PointResult> readCompletedPoint(ExperimentPoint point, Map<String, String> trainFlags)
            throws IOException {
        Path file = pointDirectory(point.pointId()).resolve(POINT_RESULT);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Map<String, Object> content = readJsonObject(file);
        PointResult result = ResultRows.fromRow(content, file.toString());
        boolean sameFlags = Objects.equals(content.get("train_flags"), new TreeMap<>(trainFlags));
        return result.isOk() && sameFlags && result.point().equals(point) ? Optional.of(result) : Optional.empty();
    }

    /** Writes the effective grid to {@code grid.json}. */
    public Path writeGrid(ExperimentGrid grid) throws IOException {
        return writeJson(root.resolve(GRID_JSON), GridFiles.toJsonMap(grid));
    }

    private static Path writeJson(Path file, Object content) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        JSON.writeValue(temp.toFile(), content);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return file;
    }

    private static Map<String, Object> readJsonObject(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("Results file " + file + " does not exist");
        }
        try {
            return JSON.readValue(file.toFile(), new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("Results file " + file + " is not a JSON object: "
                    + e.getOriginalMessage());
        }
    }

    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(String.valueOf(key), value));
        return copy;
    }
}
