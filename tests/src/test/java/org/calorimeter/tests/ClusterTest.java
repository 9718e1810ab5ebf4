package org.calorimeter.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
 * same sweep run undisturbed in local mode. The cluster is secured: its secret file is the owner's alone and on no
 * command line, the REST submission server is off, a second start on its port is refused, and a driver without the
 * secret is refused by the master.
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
        Path auth = tmp.resolve("standalone").resolve("auth.conf");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(auth)), "secret file mode");
        String secret = Files.readAllLines(auth).stream().filter(l -> l.startsWith("spark.authenticate.secret "))
                .findFirst().orElseThrow().substring("spark.authenticate.secret ".length());
        assertTrue(secret.length() >= 32, "a generated secret");
        String masterLog = Files.readString(tmp.resolve("standalone").resolve("logs").resolve("master.log"));
        assertTrue(masterLog.contains("authentication enabled"), masterLog);
        assertFalse(masterLog.contains("REST"), "no REST submission server: " + masterLog);

        // A second cluster on the same port is refused before anything starts (it used to join the first).
        ProcessBuilder second = new ProcessBuilder("submit/standalone", "start").directory(Path.of("..").toFile())
                .redirectErrorStream(true);
        second.environment().put("CALORIMETER_STANDALONE_DIR", tmp.resolve("second").toString());
        second.environment().put("CALORIMETER_MASTER_PORT", PORT);
        Process busy = second.start();
        String busyOut = new String(busy.getInputStream().readAllBytes());
        assertTrue(busy.waitFor(60, TimeUnit.SECONDS));
        assertEquals(1, busy.exitValue(), busyOut);
        assertTrue(busyOut.contains("port " + PORT + " on 127.0.0.1 is in use"), busyOut);

        // A Spark distribution of another line (3.5, Scala 2.12) is refused by submit/cluster in one line, exit 2,
        // before anything starts.
        Path fake = Files.createDirectories(tmp.resolve("spark-3.5.1").resolve("jars"));
        Files.createDirectories(fake.resolveSibling("bin"));
        Files.writeString(fake.resolve("spark-core_2.12-3.5.1.jar"), "");
        Path fakeSubmit = Files.writeString(fake.resolveSibling("bin").resolve("spark-submit"), "#!/bin/sh\nexit 0\n");
        fakeSubmit.toFile().setExecutable(true);
        ProcessBuilder oldSpark = new ProcessBuilder("submit/cluster", "/nonexistent.yaml", "--master",
                "spark://127.0.0.1:" + PORT).directory(Path.of("..").toFile()).redirectErrorStream(true);
        oldSpark.environment().put("SPARK_HOME", fake.getParent().toString());
        Process refused = oldSpark.start();
        String refusedOut = new String(refused.getInputStream().readAllBytes()).strip();
        assertTrue(refused.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, refused.exitValue(), refusedOut);
        assertEquals(1, refusedOut.lines().count(), refusedOut);
        assertTrue(refusedOut.contains("is Spark 3.5.1 (Scala 2.12); this build runs on Spark 4.1 or 4.2"), refusedOut);

        // A driver without the secret (an empty properties file instead of auth.conf) is refused by the master; the
        // standalone client gives up after its fixed 3 x 20 s, so it runs beside the real sweep.
        Path empty = Files.writeString(tmp.resolve("empty.conf"), "");
        Path config = Files.writeString(tmp.resolve("cluster.yaml"), ResumeTest.CONFIG.replace("name: resume",
                "name: cluster"));
        ProcessBuilder roguePb = new ProcessBuilder("submit/cluster", config.toString(), "--master",
                "spark://127.0.0.1:" + PORT, "--out", tmp.resolve("rogue-out").toString(), "--properties-file",
                empty.toString()).directory(Path.of("..").toFile()).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("rogue.log").toFile());
        roguePb.environment().put("CALORIMETER_STANDALONE_DIR", tmp.resolve("standalone").toString());
        Process rogue = roguePb.start();
        Path out = tmp.resolve("cluster-out");
        // Through a Spark distribution's own bin/spark-submit (SPARK_HOME; submit/standalone makes a stand-in from this
        // build's jars that launches as a distribution does), with the --opt=value form.
        ProcessBuilder sweepPb = new ProcessBuilder("submit/cluster", config.toString(),
                "--master=spark://127.0.0.1:" + PORT, "--out=" + out).directory(Path.of("..").toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(
                        tmp.resolve("scripts.log").toFile()));
        sweepPb.environment().put("CALORIMETER_STANDALONE_DIR", tmp.resolve("standalone").toString());
        sweepPb.environment().put("SPARK_HOME", tmp.resolve("standalone").resolve("spark-home").toString());
        Process sweep = sweepPb.start();
        Path firstBatch = out.resolve("traces").resolve("batch=0").resolve("_SUCCESS");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        while (!Files.exists(firstBatch) && sweep.isAlive() && System.nanoTime() < deadline) Thread.sleep(100);
        assertTrue(sweep.isAlive(), "still running after its first batch: " + Files.readString(tmp.resolve("scripts.log")));
        assertTrue(ProcessHandle.allProcesses().anyMatch(p -> p.info().commandLine().map(c -> c.contains("SparkSubmit")
                && c.contains(tmp.resolve("standalone").resolve("spark-home").toString())).orElse(false)),
                "the driver runs from SPARK_HOME's jars");
        List<ProcessHandle> executors = ProcessHandle.allProcesses().filter(p -> p.info().commandLine()
                .map(c -> c.contains("CoarseGrainedExecutorBackend") && c.contains(tmp.toString())).orElse(false))
                .toList();
        assertEquals(2, executors.size(), "one executor per worker");
        List<String> showingSecret = ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(secret)).orElse(false))
                .map(p -> p.info().command().orElse("?")).toList();
        assertEquals(List.of(), showingSecret, "no command line carries the secret");
        assertTrue(executors.get(0).destroyForcibly(), "executor killed");
        assertTrue(sweep.waitFor(6, TimeUnit.MINUTES), "the sweep finishes");
        String log = Files.readString(tmp.resolve("scripts.log"));
        assertEquals(0, sweep.exitValue(), log);
        assertTrue(rogue.waitFor(3, TimeUnit.MINUTES), "the driver without the secret gives up");
        String rogueLog = Files.readString(tmp.resolve("rogue.log"));
        assertEquals(1, rogue.exitValue(), rogueLog);
        assertTrue(rogueLog.contains("All masters are unresponsive") && rogueLog.contains("the cluster stopped the "
                + "application"), rogueLog);
        assertTrue(Files.readString(tmp.resolve("standalone").resolve("logs").resolve("master.log"))
                .contains("Expected SaslMessage"), "the master refused its unauthenticated connection");
        assertFalse(Files.exists(tmp.resolve("rogue-out").resolve("cells")), "nothing ran for it");

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
