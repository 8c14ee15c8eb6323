package dev.ember.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ember.jobs.EmberCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The command line maps bad input to exit code 2 and a message that names the flag and the value. */
class EmberCliTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return EmberCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpListsEveryCommand() {
        assertEquals(0, run("--help"));
        String help = out.toString(StandardCharsets.UTF_8);
        for (String command : new String[] {"generate", "preprocess", "train", "quickstart"}) {
            assertTrue(help.contains(command), help);
        }
    }

    @Test
    void unknownCommandIsAUsageError() {
        assertEquals(2, run("trian"));
        assertTrue(errors().contains("Unknown command 'trian'"), errors());
    }

    @Test
    void badEnumValueNamesFlagValueAndChoices() {
        assertEquals(2, run("train", "--data", "/nowhere", "--precision", "int3"));
        assertTrue(errors().contains("--precision") && errors().contains("int3") && errors().contains("int4"),
                errors());
    }

    @Test
    void unknownFlagIsRejected() {
        assertEquals(2, run("train", "--data", "/nowhere", "--cache-ration", "0.05"));
        assertTrue(errors().contains("--cache-ration"), errors());
    }

    @Test
    void flagWithoutValueIsRejected() {
        assertEquals(2, run("generate", "--rows"));
        assertTrue(errors().contains("--rows needs a value"), errors());
    }

    @Test
    void missingDataFolderIsExplained() {
        assertEquals(2, run("train", "--data", "/nowhere/at/all"));
        assertTrue(errors().contains("/nowhere/at/all") && errors().contains("metadata.json"), errors());
    }
}
