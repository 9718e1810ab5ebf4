package org.calorimeter.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.calorimeter.jobs.Main;
import org.calorimeter.jobs.Sessions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Spark standalone cluster on loopback (submit/standalone, 2 workers), a sweep through submit/cluster
 * (spark-submit), and one executor killed (SIGKILL) mid-sweep: the sweep completes and every cell equals bitwise the
 * same sweep run undisturbed in local mode.
 */
class ClusterTest {
    @TempDir
    Path tmp;
    Map<String, String> env;

    static final String PORT = "17077";

    Process script(String... args) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(args).directory(Path.of("..").toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(tmp.resolve("scripts.log").toFile()));
        pb.environment().put("CALORIMETER_STANDALONE_DIR", tmp.resolve("standalone").toString());
        pb.environment().put("CALORIMETER_MASTER_PORT", PORT);
        return pb.start();
    }

    @AfterEach
    void stopCluster() throws Exception {
        script("submit/standalone", "stop").waitFor(60, TimeUnit.SECONDS);
    }

    @Test
    void aSweepSurvivesALostExecutorOnAStandaloneCluster() throws Exception {
        Process start = script("submit/standalone", "start", "--workers", "2");
        assertTrue(start.waitFor(3, TimeUnit.MINUTES), "cluster started");
        assertEquals(0, start.exitValue(), Files.readString(tmp.resolve("scripts.log")));
        Path config = Files.writeString(tmp.resolve("cluster.yaml"), ResumeTest.CONFIG.replace("name: resume",
                "name: cluster"));
        Path out = tmp.resolve("cluster-out");
        Process sweep = script("submit/cluster", config.toString(), "--master", "spark://127.0.0.1:" + PORT,
                "--out", out.toString());
        Path firstBatch = out.resolve("traces").resolve("batch=0").resolve("_SUCCESS");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        while (!Files.exists(firstBatch) && sweep.isAlive() && System.nanoTime() < deadline) Thread.sleep(100);
        assertTrue(sweep.isAlive(), "still running after its first batch: " + Files.readString(tmp.resolve("scripts.log")));
        List<ProcessHandle> executors = ProcessHandle.allProcesses().filter(p -> p.info().commandLine()
                .map(c -> c.contains("CoarseGrainedExecutorBackend") && c.contains(tmp.toString())).orElse(false))
                .toList();
        assertEquals(2, executors.size(), "one executor per worker");
        assertTrue(executors.get(0).destroyForcibly(), "executor killed");
        assertTrue(sweep.waitFor(6, TimeUnit.MINUTES), "the sweep finishes");
        String log = Files.readString(tmp.resolve("scripts.log"));
        assertEquals(0, sweep.exitValue(), log);

        Path local = tmp.resolve("local-out");
        assertEquals(0, Main.execute("sweep", config.toString(), "--out", local.toString(), "--master", "local[2]"));
        SparkSession spark = Sessions.start("reader", "local[1]");
        try {
            Dataset<Row> a = spark.read().parquet(out.resolve("cells").toString()).drop("wall_seconds", "batch");
            Dataset<Row> b = spark.read().parquet(local.resolve("cells").toString()).drop("wall_seconds", "batch");
            assertEquals(160, a.count(), "one row per cell");
            assertEquals(0, a.exceptAll(b).count(), "cluster with a lost executor equals local, bit for bit");
            assertEquals(0, b.exceptAll(a).count());
        } finally {
            spark.stop();
        }
    }
}
