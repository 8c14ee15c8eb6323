package dev.ember.jobs.cli;

/** One {@code ember} command. {@link #run} returns the path (or Hadoop URI) of the JSON file
 * holding the command's figures. */
public interface Command {

    String name();

    /** One line for the command list. */
    String summary();

    /** The flags, one per line, for {@code ember <command> --help}. */
    String usage();

    String run(Flags flags) throws Exception;
}
