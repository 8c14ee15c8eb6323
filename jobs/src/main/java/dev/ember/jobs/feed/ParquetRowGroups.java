package dev.ember.jobs.feed;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.DummyRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * Reads the training columns ({@code label}, {@code I1..I13}, {@code C1..C26}; docs/data-format.md) of a list
 * of Parquet files, one row group at a time, straight into flat arrays with Parquet's column readers: only the
 * needed columns are decoded, and no record objects are built. Any Hadoop path works (file:, hdfs:, s3a:).
 */
final class ParquetRowGroups implements AutoCloseable {
    private final List<String> files;
    private final Configuration conf;
    private final int numDense;
    private final int numTables;
    private int fileIndex = -1;
    private ParquetFileReader reader;
    private MessageType projection;
    private String createdBy;

    ParquetRowGroups(List<String> files, Configuration conf, int numDense, int numTables) {
        this.files = List.copyOf(files);
        this.conf = conf;
        this.numDense = numDense;
        this.numTables = numTables;
    }

    /** Total rows over all files, from the footers. */
    static long countRows(List<String> files, Configuration conf) throws IOException {
        long rows = 0;
        for (String file : files) {
            try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(new Path(file), conf))) {
                ParquetMetadata footer = r.getFooter();
                for (BlockMetaData block : footer.getBlocks()) {
                    rows += block.getRowCount();
                }
            }
        }
        return rows;
    }

    static List<String> columnNames(int numDense, int numTables) {
        List<String> names = new ArrayList<>();
        names.add("label");
        for (int j = 1; j <= numDense; j++) {
            names.add("I" + j);
        }
        for (int t = 1; t <= numTables; t++) {
            names.add("C" + t);
        }
        return names;
    }

    /** The next row group decoded, or null after the last one of the last file. */
    ColumnarRows next() throws IOException {
        while (true) {
            if (reader == null && !openNextFile()) {
                return null;
            }
            PageReadStore pages = reader.readNextRowGroup();
            if (pages != null) {
                return decode(pages);
            }
            reader.close();
            reader = null;
        }
    }

    private boolean openNextFile() throws IOException {
        if (++fileIndex >= files.size()) {
            return false;
        }
        InputFile input = HadoopInputFile.fromPath(new Path(files.get(fileIndex)), conf);
        reader = ParquetFileReader.open(input);
        MessageType schema = reader.getFooter().getFileMetaData().getSchema();
        createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
        Types.MessageTypeBuilder builder = Types.buildMessage();
        for (String name : columnNames(numDense, numTables)) {
            if (!schema.containsField(name)) {
                throw new IOException("Parquet file " + files.get(fileIndex) + " has no column '" + name
                        + "' (expected label, I1..I" + numDense + ", C1..C" + numTables + "; found " + schema.getFields()
                        .stream().map(Type::getName).toList() + ")");
            }
            builder.addField(schema.getType(name));
        }
        projection = builder.named(schema.getName());
        reader.setRequestedSchema(projection);
        return true;
    }

    private ColumnarRows decode(PageReadStore pages) throws IOException {
        long rowCount = pages.getRowCount();
        if (rowCount > Integer.MAX_VALUE / Math.max(numTables, numDense)) {
            throw new IOException("Row group of " + rowCount + " rows in " + files.get(fileIndex) + " is too large");
        }
        int rows = (int) rowCount;
        ColumnarRows out = new ColumnarRows(numDense, numTables, rows);
        out.rows = rows;
        ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages,
                new DummyRecordConverter(projection).getRootConverter(), projection, createdBy);
        List<String> names = columnNames(numDense, numTables);
        int[] labels = new int[rows];
        readInts(store, names.get(0), rows, labels, 0, 1);
        for (int r = 0; r < rows; r++) {
            out.labels[r] = labels[r];
        }
        for (int j = 0; j < numDense; j++) {
            readFloats(store, names.get(1 + j), rows, out.dense, j, numDense);
        }
        for (int t = 0; t < numTables; t++) {
            readInts(store, names.get(1 + numDense + t), rows, out.ids, t, numTables);
        }
        return out;
    }

    private ColumnDescriptor column(String name) {
        return projection.getColumnDescription(new String[] {name});
    }

    private void readFloats(ColumnReadStoreImpl store, String name, int rows, float[] into, int offset, int stride)
            throws IOException {
        ColumnDescriptor descriptor = column(name);
        ColumnReader reader = store.getColumnReader(descriptor);
        int maxDefinition = descriptor.getMaxDefinitionLevel();
        switch (descriptor.getPrimitiveType().getPrimitiveTypeName()) {
            case FLOAT -> {
                for (int r = 0; r < rows; r++) {
                    checkPresent(reader, maxDefinition, name, r);
                    into[offset + r * stride] = reader.getFloat();
                    reader.consume();
                }
            }
            case DOUBLE -> {
                for (int r = 0; r < rows; r++) {
                    checkPresent(reader, maxDefinition, name, r);
                    into[offset + r * stride] = (float) reader.getDouble();
                    reader.consume();
                }
            }
            default -> throw new IOException("Column '" + name + "' in " + files.get(fileIndex) + " has type "
                    + descriptor.getPrimitiveType() + "; expected FLOAT or DOUBLE");
        }
    }

    private void readInts(ColumnReadStoreImpl store, String name, int rows, int[] into, int offset, int stride)
            throws IOException {
        ColumnDescriptor descriptor = column(name);
        ColumnReader reader = store.getColumnReader(descriptor);
        int maxDefinition = descriptor.getMaxDefinitionLevel();
        switch (descriptor.getPrimitiveType().getPrimitiveTypeName()) {
            case INT32 -> {
                for (int r = 0; r < rows; r++) {
                    checkPresent(reader, maxDefinition, name, r);
                    into[offset + r * stride] = reader.getInteger();
                    reader.consume();
                }
            }
            case INT64 -> {
                for (int r = 0; r < rows; r++) {
                    checkPresent(reader, maxDefinition, name, r);
                    into[offset + r * stride] = Math.toIntExact(reader.getLong());
                    reader.consume();
                }
            }
            default -> throw new IOException("Column '" + name + "' in " + files.get(fileIndex) + " has type "
                    + descriptor.getPrimitiveType() + "; expected INT32 or INT64");
        }
    }

    private void checkPresent(ColumnReader reader, int maxDefinition, String name, int row) throws IOException {
        if (reader.getCurrentDefinitionLevel() != maxDefinition) {
            throw new IOException("Null in column '" + name + "' at row " + row + " of a row group in "
                    + files.get(fileIndex) + ": the pipeline writes no nulls; was this file made by ember preprocess?");
        }
    }

    @Override
    public void close() throws IOException {
        if (reader != null) {
            reader.close();
            reader = null;
        }
    }
}
