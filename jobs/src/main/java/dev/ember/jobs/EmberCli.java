package dev.ember.jobs;

import dev.ember.jobs.cli.Command;
import dev.ember.jobs.cli.Commands;
import dev.ember.jobs.cli.Flags;
import dev.ember.jobs.cli.UsageException;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/**
 * The single entry point behind {@code bin/ember} and spark-submit: {@code ember <command> --flag value ...}.
 * Every command prints the path of its JSON results file on its last line. Exit codes: 0 done, 1 failed,
 * 2 bad command line.
 */
public final class EmberCli {
    private EmberCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command; never exits the JVM (tests call this). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        List<Command> commands = Commands.all();
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("help")) {
            printCommands(commands, args.length == 0 ? err : out);
            return args.length == 0 ? 2 : 0;
        }
        Optional<Command> command = commands.stream().filter(c -> c.name().equals(args[0])).findFirst();
        if (command.isEmpty()) {
            err.println("Unknown command '" + args[0] + "'.");
            printCommands(commands, err);
            return 2;
        }
        if (args.length > 1 && args[1].equals("--help")) {
            out.println("ember " + command.get().name() + ": " + command.get().summary());
            out.println(command.get().usage());
            return 0;
        }
        try {
            out.println(command.get().run(Flags.parse(args, 1)));
            return 0;
        } catch (UsageException e) {
            err.println("ember " + command.get().name() + ": " + e.getMessage());
            err.println("Usage: ember " + command.get().name() + " [flags]\n" + command.get().usage());
            return 2;
        } catch (IllegalArgumentException e) {
            err.println("ember " + command.get().name() + ": " + e.getMessage());
            return 2;
        } catch (Exception e) {
            err.println("ember " + command.get().name() + " failed: " + describe(e));
            if (Boolean.getBoolean("ember.stacktrace")) {
                e.printStackTrace(err);
            } else {
                err.println("(run with JAVA_OPTS=-Dember.stacktrace=true for the stack trace)");
            }
            return 1;
        }
    }

    private static String describe(Throwable e) {
        // Spark wraps task failures; the root cause is what the user can act on.
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getName() : root.getMessage();
        return root == e ? message : message + " [" + root.getClass().getSimpleName() + ", via "
                + e.getClass().getSimpleName() + "]";
    }

    private static void printCommands(List<Command> commands, PrintStream stream) {
        stream.println("Usage: ember <command> [--flag value ...]   (ember <command> --help for its flags)");
        for (Command c : commands) {
            stream.printf("  %-12s %s%n", c.name(), c.summary());
        }
    }
}
