package org.calorimeter.tests;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.calorimeter.jobs.Main;

/** Runs the command line in this JVM and keeps what it wrote to stderr. */
final class Cli {
    private Cli() {}

    record Result(int code, String err) {}

    static Result run(String... args) {
        PrintStream saved = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            int code = Main.execute(args);
            return new Result(code, buf.toString(StandardCharsets.UTF_8).strip());
        } finally {
            System.setErr(saved);
        }
    }
}
