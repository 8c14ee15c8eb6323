package dev.ember.pipeline.vocabulary;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.DummyRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Types;

/**
 * Reads a saved vocabulary's {@code column}, {@code value} and {@code id} columns on the driver
 * with Parquet's column readers: no Spark job, no row objects. The folder's data files are those
 * whose names start with neither '_' nor '.', as Spark reads them.
 */
final class VocabularyFiles {
  private static final String[] COLUMNS = {"column", "value", "id"};

  private VocabularyFiles() {}

  /** Receives one vocabulary entry. */
  interface EntryConsumer {
    /**
     * @param column the column name as stored ("C1".."C26")
     * @param value the value as stored (hex digits)
     * @param id its id
     */
    void accept(String column, String value, int id);
  }

  /** Calls {@code consumer} for every entry of every data file in {@code folder}. */
  static void read(String folder, Configuration hadoop, EntryConsumer consumer) throws IOException {
    for (Path file : dataFiles(new Path(folder), hadoop)) {
      try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(file,
          hadoop))) {
        MessageType schema = reader.getFooter().getFileMetaData().getSchema();
        Types.MessageTypeBuilder builder = Types.buildMessage();
        for (String name : COLUMNS) {
          if (!schema.containsField(name)) {
            throw new IOException("Vocabulary file " + file + " has no column '" + name
                + "' (expected column, value, id, count)");
          }
          builder.addField(schema.getType(name));
        }
        MessageType projection = builder.named(schema.getName());
        reader.setRequestedSchema(projection);
        String createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
        for (PageReadStore pages = reader.readNextRowGroup(); pages != null;
            pages = reader.readNextRowGroup()) {
          ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages,
              new DummyRecordConverter(projection).getRootConverter(), projection, createdBy);
          readRowGroup(store, projection, pages.getRowCount(), file, consumer);
        }
      }
    }
  }

  private static void readRowGroup(ColumnReadStoreImpl store, MessageType projection, long rows,
      Path file, EntryConsumer consumer) throws IOException {
    ColumnReader[] readers = new ColumnReader[COLUMNS.length];
    int[] maxDefinition = new int[COLUMNS.length];
    for (int i = 0; i < COLUMNS.length; i++) {
      ColumnDescriptor descriptor = projection.getColumnDescription(new String[] {COLUMNS[i]});
      readers[i] = store.getColumnReader(descriptor);
      maxDefinition[i] = descriptor.getMaxDefinitionLevel();
    }
    Binary lastColumn = null;
    String columnName = null;
    for (long row = 0; row < rows; row++) {
      for (int i = 0; i < COLUMNS.length; i++) {
        if (readers[i].getCurrentDefinitionLevel() != maxDefinition[i]) {
          throw new IOException("Null " + COLUMNS[i] + " in vocabulary file " + file);
        }
      }
      Binary column = readers[0].getBinary();
      if (!column.equals(lastColumn)) {
        lastColumn = column.copy();
        columnName = column.toStringUsingUTF8();
      }
      String value = readers[1].getBinary().toStringUsingUTF8();
      consumer.accept(columnName, value, readers[2].getInteger());
      for (ColumnReader reader : readers) {
        reader.consume();
      }
    }
  }

  private static List<Path> dataFiles(Path folder, Configuration hadoop) throws IOException {
    FileSystem fileSystem = folder.getFileSystem(hadoop);
    List<Path> files = new ArrayList<>();
    for (FileStatus status : fileSystem.listStatus(folder)) {
      String name = status.getPath().getName();
      if (status.isFile() && !name.startsWith("_") && !name.startsWith(".")) {
        files.add(status.getPath());
      }
    }
    files.sort(null);
    return files;
  }
}
