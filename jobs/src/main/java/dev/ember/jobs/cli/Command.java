package dev.ember.jobs.cli;

import java.nio.file.Path;

/** One {@code ember} command. {@link #run} returns the JSON file holding the command's figures. */
public interface Command {

    String name();

    /** One line for the command list. */
    String summary();

    /** The flags, one per line, for {@code ember <command> --help}. */
    String usage();

    Path run(Flags flags) throws Exception;
}
