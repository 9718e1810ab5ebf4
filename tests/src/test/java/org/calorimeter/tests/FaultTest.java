package org.calorimeter.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A fault is one line and exit 1; the stack trace only with --verbose. */
class FaultTest {
    @TempDir
    Path tmp;

    @Test
    void aDamagedCellsFileIsOneLineAndExitOne() throws IOException {
        Path config = Files.writeString(tmp.resolve("c.yaml"), """
                name: fault
                seed: 1
                model: {family: linear, input_dim: 2, label_noise: 0.1}
                grid: {data_size: [10], temperature: [0.5, 1.0], replicas: 1}
                sampler: {kind: mala, burn_in: 200, steps: 1000}
                """);
        Path out = tmp.resolve("out");
        assertEquals(0, LockTest.run("sweep", config.toString(), "--out", out.toString(), "--master", "local[1]"),
                LockTest.lastErr[0]);
        List<Path> parquet;
        try (var files = Files.walk(out.resolve("cells"))) {
            parquet = files.filter(p -> p.toString().endsWith(".parquet")).toList();
        }
        Path victim = parquet.get(0);
        byte[] bytes = Files.readAllBytes(victim);
        Files.write(victim, java.util.Arrays.copyOf(bytes, bytes.length / 2));   // truncated, as by a full disk
        java.nio.file.Files.deleteIfExists(victim.resolveSibling("." + victim.getFileName() + ".crc"));
        assertEquals(1, LockTest.run("aggregate", out.toString(), "--master", "local[1]"));
        String err = LockTest.lastErr[0];
        assertTrue(err.startsWith("calorimeter: the run failed: "), err);
        assertEquals(1, err.lines().count(), "one line: " + err);
        assertFalse(err.contains("\tat "), err);
        assertEquals(1, LockTest.run("aggregate", out.toString(), "--master", "local[1]", "--verbose"));
        assertTrue(LockTest.lastErr[0].contains("\tat "), "--verbose shows the trace");
    }
}
