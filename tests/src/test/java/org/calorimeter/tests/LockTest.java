package org.calorimeter.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.calorimeter.jobs.OutputDir;
import org.calorimeter.jobs.Sessions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A second run on an output folder in use is refused before Spark starts; the lock is free again afterwards. */
class LockTest {
    @TempDir
    Path tmp;

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
            Cli.Result second = Cli.run("sweep", config.toString(), "--out", out.toString(), "--master", "local[1]");
            assertEquals(2, second.code());
            assertTrue(second.err().contains("--out") && second.err().contains("in use by another run (pid "),
                    second.err());
            assertEquals(1, second.err().lines().count(), second.err());
            assertEquals(sessions, Sessions.started(), "no Spark session was started");
        }
        Cli.Result first = Cli.run("sweep", config.toString(), "--out", out.toString(), "--master", "local[1]");
        assertEquals(0, first.code(), first.err());
        try (OutputDir.Lock held = new OutputDir(out).lock()) {
            Cli.Result busy = Cli.run("aggregate", out.toString(), "--master", "local[1]");
            assertEquals(2, busy.code());
            assertTrue(busy.err().contains("in use"), busy.err());
        }
        Cli.Result free = Cli.run("aggregate", out.toString(), "--master", "local[1]");
        assertEquals(0, free.code(), "free again: " + free.err());
    }
}
