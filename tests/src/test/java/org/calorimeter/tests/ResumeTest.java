package org.calorimeter.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.calorimeter.jobs.Main;
import org.calorimeter.jobs.Sessions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once and resumable: the driver of a sweep is killed (SIGKILL) after its first batch is committed; the same
 * command, run again, completes it, with one row per cell and every value bitwise equal to an undisturbed run. An
 * output folder of another config is refused and left untouched.
 */
class ResumeTest {
    @TempDir
    Path tmp;

    static final String CONFIG = """
            name: resume
            seed: 8
            model: {family: mlp, input_dim: 3, activation: tanh, teacher_width: 1, label_noise: 0.2}
            prior: {sigma: 1.0}
            grid: {width: [2, 3], data_size: [16, 32], temperature: [0.1, 0.3, 1.0, 3.0, 10.0], replicas: 8}
            sampler: {kind: mala, step_size: auto, burn_in: 300, steps: 4000}
            training: {max_iterations: 300}
            """;

    @Test
    void aKilledDriverResumesToTheSameCells() throws Exception {
        Path config = Files.writeString(tmp.resolve("resume.yaml"), CONFIG);
        Path killed = tmp.resolve("killed");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String line : Files.readAllLines(Path.of("../submit/java-options"))) {
            if (!line.isBlank() && !line.startsWith("#")) cmd.add(line.strip());
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.calorimeter.jobs.Main", "sweep",
                config.toString(), "--out", killed.toString(), "--master", "local[2]"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("killed.log").toFile());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        Process driver = pb.start();
        // A batch is committed when its manifest is written (its last step); killed before that, it is rerun.
        Path firstBatch = killed.resolve("manifests").resolve("batch=0.txt");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!Files.exists(firstBatch) && driver.isAlive() && System.nanoTime() < deadline) Thread.sleep(100);
        assertTrue(driver.isAlive(), "the sweep is still running after its first batch: "
                + Files.readString(tmp.resolve("killed.log")));
        driver.destroyForcibly().waitFor();
        long committed;
        try (var list = Files.list(killed.resolve("cells"))) {
            committed = list.count();
        }
        assertTrue(committed < 5, "killed mid-sweep: " + committed + " of 5 batches written");

        PrintStream saved = System.out;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setOut(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, Main.execute("sweep", config.toString(), "--out", killed.toString(), "--master",
                    "local[2]"));
        } finally {
            System.setOut(saved);
        }
        String resumed = log.toString(StandardCharsets.UTF_8);
        System.out.println(resumed);
        assertTrue(resumed.contains("resuming in"), resumed);
        assertTrue(resumed.contains("committed before"), resumed);

        Path clean = tmp.resolve("clean");
        assertEquals(0, Main.execute("sweep", config.toString(), "--out", clean.toString(), "--master", "local[2]"));
        SparkSession spark = Sessions.start("reader", "local[1]");
        try {
            for (String table : new String[] {"cells", "traces"}) {
                Dataset<Row> a = spark.read().parquet(killed.resolve(table).toString()).drop("batch");
                Dataset<Row> b = spark.read().parquet(clean.resolve(table).toString()).drop("batch");
                if (table.equals("cells")) {
                    a = a.drop("wall_seconds");
                    b = b.drop("wall_seconds");
                    assertEquals(160, a.count(), "one row per cell");
                    assertEquals(160, a.select("width", "data_size", "temperature", "replica").distinct().count());
                }
                assertEquals(b.count(), a.count(), table);
                assertEquals(0, a.exceptAll(b).count(), table + ": resumed equals undisturbed, bit for bit");
                assertEquals(0, b.exceptAll(a).count(), table);
            }
        } finally {
            spark.stop();
        }

        // Another config on the same folder: refused before Spark starts, nothing touched.
        Path other = Files.writeString(tmp.resolve("other.yaml"), CONFIG.replace("seed: 8", "seed: 9"));
        long before = Files.getLastModifiedTime(killed.resolve("config.yaml")).toMillis();
        PrintStream err = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            assertEquals(2, Main.execute("sweep", other.toString(), "--out", killed.toString()));
        } finally {
            System.setErr(err);
        }
        assertTrue(buf.toString(StandardCharsets.UTF_8).contains("config_hash"), buf.toString());
        assertEquals(before, Files.getLastModifiedTime(killed.resolve("config.yaml")).toMillis());
    }

    /**
     * {@code --retry-failed}: rows marked failed in a committed batch are dropped and their cells rerun; without the
     * flag a rerun keeps them. The final cells/ has one row per cell, equal to the original run.
     */
    @Test
    void retryFailedRerunsOnlyTheFailedCells() throws Exception {
        Path config = Files.writeString(tmp.resolve("tiny.yaml"), LocalSweepTest.TINY);
        Path out = tmp.resolve("out");
        assertEquals(0, Main.execute("sweep", config.toString(), "--out", out.toString(), "--master", "local[2]"));
        SparkSession spark = Sessions.start("editor", "local[1]");
        Path batch = out.resolve("cells").resolve("batch=0");
        try {
            // Mark three cells failed, as a crashed cell would be, by rewriting the batch.
            Dataset<Row> rows = spark.read().parquet(batch.toString());
            Dataset<Row> marked = rows.withColumn("status", org.apache.spark.sql.functions.when(
                    rows.col("temperature").equalTo(1.0).and(rows.col("replica").equalTo(0))
                            .and(rows.col("data_size").lt(100)).and(rows.col("width").lt(3)),
                    org.apache.spark.sql.functions.lit("failed")).otherwise(rows.col("status")));
            Path tmpBatch = tmp.resolve("marked");
            marked.coalesce(1).write().parquet(tmpBatch.toString());
            LocalSweepTest.deleteTree(batch);
            Files.move(tmpBatch, batch);
            // The hand-edited batch stands for one committed with failed cells; its manifest would (rightly) call it
            // damaged and rerun it, so the output is made an older one, without manifests.
            LocalSweepTest.deleteTree(out.resolve("manifests"));
        } finally {
            spark.stop();
        }
        assertEquals(1, Main.execute("sweep", config.toString(), "--out", out.toString(), "--master", "local[2]"),
                "a plain rerun has nothing to run, and still reports the failed cells (exit 1)");
        spark = Sessions.start("reader", "local[1]");
        try {
            assertEquals(2, spark.read().parquet(out.resolve("cells").toString()).filter("status = 'failed'").count(),
                    "a plain rerun keeps failed rows");
        } finally {
            spark.stop();
        }
        assertEquals(0, Main.execute("sweep", config.toString(), "--out", out.toString(), "--master", "local[2]",
                "--retry-failed"));
        Path clean = tmp.resolve("clean");
        assertEquals(0, Main.execute("sweep", config.toString(), "--out", clean.toString(), "--master", "local[2]"));
        spark = Sessions.start("reader", "local[1]");
        try {
            Dataset<Row> a = spark.read().parquet(out.resolve("cells").toString()).drop("wall_seconds", "batch");
            Dataset<Row> b = spark.read().parquet(clean.resolve("cells").toString()).drop("wall_seconds", "batch");
            assertEquals(0, a.filter("status = 'failed'").count(), "failed cells rerun");
            assertEquals(24, a.count(), "one row per cell");
            assertEquals(0, a.exceptAll(b).count(), "equal to an undisturbed run");
            assertEquals(0, b.exceptAll(a).count());
            Dataset<Row> t = spark.read().parquet(out.resolve("traces").toString()).drop("batch");
            Dataset<Row> u = spark.read().parquet(clean.resolve("traces").toString()).drop("batch");
            assertEquals(0, t.exceptAll(u).count(), "traces too");
            assertEquals(0, u.exceptAll(t).count());
        } finally {
            spark.stop();
        }
    }
}
