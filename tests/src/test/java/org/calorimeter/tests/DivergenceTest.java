package org.calorimeter.tests;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.calorimeter.jobs.Main;
import org.calorimeter.jobs.Sessions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cell whose chain diverges ends as `diverged` with a message naming the step size; the sweep completes all its
 * cells and the aggregation leaves the cell out and says so. The exit code follows --fail-on: 1 by default (a cell
 * without a number to trust), 0 under --fail-on failed, and a rerun of the finished sweep says so again.
 */
class DivergenceTest {
    @TempDir
    Path tmp;

    @Test
    void aDivergingCellDoesNotStopTheSweep() throws IOException {
        // SGLD with a fixed step: stable while h times the curvature (about D/T) stays below 2, so the lowest
        // temperature blows up and the others do not.
        Path config = Files.writeString(tmp.resolve("diverge.yaml"), """
                name: diverge
                seed: 3
                model: {family: linear, input_dim: 3, label_noise: 0.3}
                grid: {data_size: [16], temperature: [0.01, 1.0, 3.0, 10.0]}
                sampler: {kind: sgld, step_size: 0.01, burn_in: 100, steps: 4000, batch_size: 16}
                """);
        Path out = tmp.resolve("out");
        PrintStream saved = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        int code;
        Cli.Result lenient;
        Cli.Result wrong;
        try {
            code = Main.execute("sweep", config.toString(), "--out", out.toString(), "--master", "local[2]");
            lenient = Cli.run("sweep", config.toString(), "--out", out.toString(), "--fail-on", "failed");
            wrong = Cli.run("sweep", config.toString(), "--out", out.toString(), "--fail-on", "never");
        } finally {
            System.setOut(saved);
        }
        assertEquals(1, code, "a diverged cell fails the sweep by default (--fail-on diverged)");
        assertEquals(0, lenient.code(), "--fail-on failed lets it pass: " + lenient.err());
        assertEquals(2, wrong.code());
        assertTrue(wrong.err().contains("--fail-on: 'never' is not allowed; allowed: failed, diverged, any"),
                wrong.err());
        String summary = printed.toString(StandardCharsets.UTF_8);
        assertTrue(summary.contains("Skipped by the aggregation") && summary.contains("diverged=1"), summary);

        SparkSession spark = Sessions.start("test-reader", "local[1]");
        try {
            List<Row> diverged = spark.read().parquet(out.resolve("cells").toString())
                    .filter(col("status").equalTo("diverged")).collectAsList();
            assertEquals(1, diverged.size());
            assertEquals(0.01, diverged.get(0).<Double>getAs("temperature"));
            assertTrue(diverged.get(0).<String>getAs("message").contains("step size"), diverged.get(0).toString());
            assertEquals(3, spark.read().parquet(out.resolve("curves").toString()).count(), "the other 3 points");
        } finally {
            spark.stop();
        }
    }
}
