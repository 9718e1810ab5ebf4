package org.calorimeter.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.calorimeter.jobs.Main;
import org.calorimeter.jobs.OutputDir;
import org.calorimeter.jobs.Sessions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A second run on an output folder in use is refused before Spark starts; the lock is free again afterwards. */
class LockTest {
    @TempDir
    Path tmp;

    static String[] lastErr = new String[1];

    static int run(String... args) {
        PrintStream saved = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            return Main.execute(args);
        } finally {
            System.setErr(saved);
            lastErr[0] = buf.toString(StandardCharsets.UTF_8).strip();
        }
    }

    @Test
    void aSecondRunOnTheSameOutputIsRefusedWhileTheFirstHoldsIt() throws IOException {
        Path config = Files.writeString(tmp.resolve("c.yaml"), """
                name: lock
                seed: 1
                model: {family: linear, input_dim: 2, label_noise: 0.1}
                grid: {data_size: [10], temperature: [1.0], replicas: 1}
                sampler: {kind: mala, burn_in: 200, steps: 1000}
                """);
        Path out = tmp.resolve("out");
        int sessions = Sessions.started();
        try (OutputDir.Lock held = new OutputDir(out).lock()) {   // the first run, as far as the folder can tell
            assertEquals(2, run("sweep", config.toString(), "--out", out.toString(), "--master", "local[1]"));
            assertTrue(lastErr[0].contains("--out") && lastErr[0].contains("in use by another run (pid "),
                    lastErr[0]);
            assertEquals(1, lastErr[0].lines().count(), lastErr[0]);
            assertEquals(sessions, Sessions.started(), "no Spark session was started");
        }
        assertEquals(0, run("sweep", config.toString(), "--out", out.toString(), "--master", "local[1]"), lastErr[0]);
        try (OutputDir.Lock held = new OutputDir(out).lock()) {
            assertEquals(2, run("aggregate", out.toString(), "--master", "local[1]"));
            assertTrue(lastErr[0].contains("in use"), lastErr[0]);
        }
        assertEquals(0, run("aggregate", out.toString(), "--master", "local[1]"), "free again: " + lastErr[0]);
    }
}
