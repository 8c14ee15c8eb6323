package dev.ember.jobs.cli;

import java.nio.file.Path;

/** The path a command prints last: absolute for local folders, the URI as given for Hadoop ones (hdfs:, s3a:). */
final class JsonPaths {
    private JsonPaths() {
    }

    static String child(String folder, String file) {
        if (folder.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*") && !folder.startsWith("file:")) {
            return folder.endsWith("/") ? folder + file : folder + "/" + file;
        }
        String local = folder.startsWith("file:") ? java.net.URI.create(folder).getPath() : folder;
        return Path.of(local, file).toAbsolutePath().normalize().toString();
    }
}
