package dev.ember.jobs.experiment;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository is, seen from a test (surefire runs in the module folder). */
final class TestPaths {
    private TestPaths() {
    }

    static Path repositoryRoot() {
        Path folder = Path.of("").toAbsolutePath();
        while (folder != null && !Files.isDirectory(folder.resolve("conf/experiments"))) {
            folder = folder.getParent();
        }
        if (folder == null) {
            throw new IllegalStateException("No conf/experiments above " + Path.of("").toAbsolutePath());
        }
        return folder;
    }
}
