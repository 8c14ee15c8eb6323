package dev.ember.jobs.experiment;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A point's training curve, {@code curve.csv}: step, samples, train_loss, validation_auc, validation_logloss. */
public final class CurveCsv {
    public static final String FILE_NAME = "curve.csv";
    static final List<String> COLUMNS =
            List.of("step", "samples", "train_loss", "validation_auc", "validation_logloss");

    private CurveCsv() {
    }

    public static void write(Path file, List<CurvePoint> curve) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            writer.write(CsvText.line(COLUMNS));
            for (CurvePoint point : curve) {
                writer.write(CsvText.line(List.of(point.step(), point.samples(), point.trainLoss(),
                        point.validationAuc(), point.validationLogloss())));
            }
        }
    }

    /** Reads a curve; an absent file is an empty curve. */
    public static List<CurvePoint> read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !CsvText.split(lines.get(0)).equals(COLUMNS)) {
            throw new IllegalArgumentException("Curve file " + file + " must start with the header " + COLUMNS);
        }
        List<CurvePoint> curve = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            List<String> cells = CsvText.split(lines.get(i));
            if (cells.size() != COLUMNS.size()) {
                throw new IllegalArgumentException("Curve file " + file + ", line " + (i + 1) + ": expected "
                        + COLUMNS.size() + " cells, got " + cells.size());
            }
            try {
                curve.add(new CurvePoint(Long.parseLong(cells.get(0)), Long.parseLong(cells.get(1)),
                        number(cells.get(2)), number(cells.get(3)), number(cells.get(4))));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Curve file " + file + ", line " + (i + 1) + ": bad number in "
                        + lines.get(i));
            }
        }
        return curve;
    }

    private static double number(String cell) {
        return cell.isBlank() ? Double.NaN : Double.parseDouble(cell);
    }
}
