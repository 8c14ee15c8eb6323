package dev.ember.jobs.experiment;

import java.util.ArrayList;
import java.util.List;

/** The little CSV this package writes and reads: comma separated, RFC 4180 quoting, one record per line. */
final class CsvText {
    private CsvText() {
    }

    static String line(List<?> cells) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(cell(cells.get(i)));
        }
        return line.append('\n').toString();
    }

    private static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value instanceof Double number && Double.isNaN(number) ? "" : value.toString();
        boolean quote = text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0
                || text.indexOf('\r') >= 0;
        // A message on one line reads better in a table: line breaks become spaces.
        text = text.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
        return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }

    /** Splits one line written by {@link #line} (no line breaks inside cells). */
    static List<String> split(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    current.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    current.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        cells.add(current.toString());
        return cells;
    }
}
