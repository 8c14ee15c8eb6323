package dev.ember.jobs.cli;

/** A command line that cannot be run as given; the CLI prints the message and the usage, and exits with 2. */
public final class UsageException extends IllegalArgumentException {
    public UsageException(String message) {
        super(message);
    }
}
