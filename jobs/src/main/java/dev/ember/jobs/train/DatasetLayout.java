package dev.ember.jobs.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * What the trainer needs to know about a preprocessed data folder (docs/data-format.md): the table sizes
 * from {@code metadata.json} and the Parquet files of each split, read on the driver with Hadoop's
 * FileSystem so that any Hadoop path works.
 */
public record DatasetLayout(String root, long[] cardinalities, int numDense, List<String> trainFiles,
                            List<String> validationFiles, List<String> testFiles) implements Serializable {

    public static final int NUM_DENSE = 13;

    public static DatasetLayout read(String root, Configuration conf) throws IOException {
        Path rootPath = new Path(root);
        FileSystem fs = rootPath.getFileSystem(conf);
        Path metadataPath = new Path(rootPath, "metadata.json");
        if (!fs.exists(metadataPath)) {
            throw new IllegalArgumentException("--data " + root + " has no metadata.json: is it the --out folder of "
                    + "ember preprocess?");
        }
        JsonNode metadata;
        try (InputStream in = fs.open(metadataPath)) {
            metadata = new ObjectMapper().readTree(in);
        }
        JsonNode node = metadata.get("cardinalities");
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw new IllegalArgumentException(metadataPath + " has no \"cardinalities\" array");
        }
        long[] cardinalities = new long[node.size()];
        for (int t = 0; t < cardinalities.length; t++) {
            cardinalities[t] = node.get(t).asLong();
            if (cardinalities[t] < 1) {
                throw new IllegalArgumentException(metadataPath + ": cardinalities[" + t + "] is "
                        + node.get(t) + ", expected a positive table size");
            }
        }
        List<String> train = splitFiles(fs, rootPath, "train", true);
        return new DatasetLayout(root, cardinalities, NUM_DENSE, train, splitFiles(fs, rootPath, "validation", false),
                splitFiles(fs, rootPath, "test", true));
    }

    private static List<String> splitFiles(FileSystem fs, Path root, String split, boolean required) throws IOException {
        Path folder = new Path(root, split);
        List<String> files = new ArrayList<>();
        if (fs.exists(folder)) {
            for (FileStatus status : fs.listStatus(folder)) {
                String name = status.getPath().getName();
                if (status.isFile() && name.endsWith(".parquet") && status.getLen() > 0) {
                    files.add(status.getPath().toString());
                }
            }
        }
        if (required && files.isEmpty()) {
            throw new IllegalArgumentException("--data " + root + " has no Parquet files in " + folder);
        }
        files.sort(null);
        return files;
    }

    public int numTables() {
        return cardinalities.length;
    }

    @Override
    public long[] cardinalities() {
        return cardinalities.clone();
    }

    @Override
    public String toString() {
        return "DatasetLayout[" + root + ", tables " + Arrays.toString(cardinalities) + ", files train "
                + trainFiles.size() + " validation " + validationFiles.size() + " test " + testFiles.size() + "]";
    }
}
