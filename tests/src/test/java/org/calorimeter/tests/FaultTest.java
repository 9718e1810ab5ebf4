package org.calorimeter.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.calorimeter.jobs.Sessions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Committed output is checked against its manifests: a damaged file is one line and exit 1 for aggregate, and the
 * sweep command reruns the damaged batch to the same rows (nothing duplicated, nothing lost). Without manifests (an
 * older output) a fault is still one line and exit 1; the stack trace only with --verbose. A folder turned read-only
 * and a full disk mid-run are one line, exit 1, and the rerun completes to an undisturbed run's rows.
 */
class FaultTest {
    @TempDir
    Path tmp;

    static final String CONFIG = """
            name: fault
            seed: 1
            model: {family: linear, input_dim: 2, label_noise: 0.1}
            grid: {data_size: [10], temperature: [0.5, 1.0], replicas: 1}
            sampler: {kind: mala, burn_in: 200, steps: 1000}
            """;

    static List<Path> parquet(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            return files.filter(p -> p.toString().endsWith(".parquet")).sorted().toList();
        }
    }

    static void truncate(Path f) throws IOException {
        byte[] bytes = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        Files.deleteIfExists(f.resolveSibling("." + f.getFileName() + ".crc"));
    }

    /** Rows of cells/ and traces/, and the distinct cell keys of cells/. */
    static long[] counts(Path out) {
        SparkSession spark = Sessions.start("test-reader", "local[1]");
        try {
            var cells = spark.read().parquet(out.resolve("cells").toString());
            return new long[] {cells.count(), spark.read().parquet(out.resolve("traces").toString()).count(),
                cells.select("width", "data_size", "temperature", "replica").distinct().count()};
        } finally {
            spark.stop();
        }
    }

    @Test
    void aDamagedBatchIsNamedAndRerunToTheSameRows() throws IOException {
        Path config = Files.writeString(tmp.resolve("c.yaml"), CONFIG);
        Path out = tmp.resolve("out");
        String[] sweep = {"sweep", config.toString(), "--out", out.toString(), "--master", "local[1]"};
        Cli.Result first = Cli.run(sweep);
        assertEquals(0, first.code(), first.err());
        long[] before = counts(out);
        truncate(parquet(out.resolve("cells")).get(0));
        Cli.Result damaged = Cli.run("aggregate", out.toString(), "--master", "local[1]");
        assertEquals(1, damaged.code());
        String err = damaged.err();
        assertTrue(err.contains("is damaged (batch 0: cells/batch=0/part-") && err.contains("bytes, not"), err);
        assertEquals(1, err.lines().count(), "one line: " + err);

        PrintStream saved = System.out;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setOut(new PrintStream(log, true, StandardCharsets.UTF_8));
        Cli.Result repaired;
        try {
            repaired = Cli.run(sweep);
        } finally {
            System.setOut(saved);
        }
        assertEquals(0, repaired.code(), repaired.err());
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("batch 0 is damaged"), "the rerun says so");
        assertEquals(before[0], counts(out)[0], "cells rows as before");
        assertEquals(before[1], counts(out)[1], "traces rows as before: nothing duplicated");
        assertEquals(before[0], counts(out)[2], "one row per cell");

        // A deleted traces file: the same repair.
        Files.delete(parquet(out.resolve("traces")).get(0));
        Cli.Result again = Cli.run(sweep);
        assertEquals(0, again.code(), again.err());
        assertEquals(before[1], counts(out)[1], "traces rows restored");
    }

    static boolean command(String... args) {
        try {
            Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Whether two outputs hold the same cells and traces, wall times and batch numbers aside. */
    static void assertSameRows(Path a, Path b) {
        SparkSession spark = Sessions.start("test-reader", "local[1]");
        try {
            for (String table : List.of("cells", "traces")) {
                var x = spark.read().parquet(a.resolve(table).toString()).drop("wall_seconds", "batch");
                var y = spark.read().parquet(b.resolve(table).toString()).drop("wall_seconds", "batch");
                assertEquals(y.count(), x.count(), table + " rows");
                assertEquals(0, x.exceptAll(y).count(), table + " equal");
                assertEquals(0, y.exceptAll(x).count(), table + " equal");
            }
        } finally {
            spark.stop();
        }
    }

    /**
     * A folder that turns read-only mid-run (traces/ made immutable, which binds root too): one line naming the
     * cause, exit 1; once writable again the same command completes to the rows of an undisturbed run. Needs
     * chattr on a file system that supports it (skipped otherwise).
     */
    @Test
    void aReadOnlyFolderMidRunIsOneLineAndTheRerunCompletesIt() throws IOException {
        Path config = Files.writeString(tmp.resolve("c.yaml"), CONFIG);
        Path out = tmp.resolve("ro");
        Path traces = Files.createDirectories(out.resolve("traces"));
        org.junit.jupiter.api.Assumptions.assumeTrue(command("chattr", "+i", traces.toString()),
                "chattr +i is not available here");
        String[] sweep = {"sweep", config.toString(), "--out", out.toString(), "--master", "local[1]"};
        Cli.Result failed;
        try {
            failed = Cli.run(sweep);
        } finally {
            command("chattr", "-i", traces.toString());
        }
        assertEquals(1, failed.code(), failed.err());
        assertEquals(1, failed.err().lines().count(), "one line: " + failed.err());
        assertTrue(failed.err().contains("(the output folder is not writable)"), failed.err());
        Cli.Result rerun = Cli.run(sweep);
        assertEquals(0, rerun.code(), rerun.err());
        Path undisturbed = tmp.resolve("undisturbed");
        assertEquals(0, Cli.run("sweep", config.toString(), "--out", undisturbed.toString(), "--master", "local[1]")
                .code());
        assertSameRows(out, undisturbed);
    }

    /**
     * A full disk (a 96 KiB tmpfs as the output): one line saying so, exit 1; with room again the same command
     * completes to the rows of an undisturbed run. Needs mount (root); skipped otherwise.
     */
    @Test
    void aFullDiskIsOneLineAndTheRerunCompletesIt() throws IOException {
        Path config = Files.writeString(tmp.resolve("c.yaml"), CONFIG);
        Path mount = Files.createDirectories(tmp.resolve("small"));
        org.junit.jupiter.api.Assumptions.assumeTrue(command("mount", "-t", "tmpfs", "-o", "size=96k", "tmpfs",
                mount.toString()), "cannot mount a tmpfs here");
        try {
            Path out = mount.resolve("out");
            String[] sweep = {"sweep", config.toString(), "--out", out.toString(), "--master", "local[1]"};
            Cli.Result full = Cli.run(sweep);
            assertEquals(1, full.code(), full.err());
            assertEquals(1, full.err().lines().count(), "one line: " + full.err());
            assertTrue(full.err().contains("(the disk is full)"), full.err());
            assertTrue(command("mount", "-o", "remount,size=64m", mount.toString()));
            Cli.Result rerun = Cli.run(sweep);
            assertEquals(0, rerun.code(), rerun.err());
            Path undisturbed = tmp.resolve("undisturbed");
            assertEquals(0, Cli.run("sweep", config.toString(), "--out", undisturbed.toString(), "--master",
                    "local[1]").code());
            assertSameRows(out, undisturbed);
        } finally {
            command("umount", "-l", mount.toString());
        }
    }

    @Test
    void withoutManifestsAFaultIsStillOneLine() throws IOException {
        Path config = Files.writeString(tmp.resolve("c.yaml"), CONFIG);
        Path out = tmp.resolve("out");
        Cli.Result first = Cli.run("sweep", config.toString(), "--out", out.toString(), "--master", "local[1]");
        assertEquals(0, first.code(), first.err());
        try (var m = Files.walk(out.resolve("manifests"))) {
            for (Path p : m.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
        truncate(parquet(out.resolve("cells")).get(0));
        Cli.Result failed = Cli.run("aggregate", out.toString(), "--master", "local[1]");
        assertEquals(1, failed.code());
        String err = failed.err();
        assertTrue(err.startsWith("calorimeter: the run failed: "), err);
        assertEquals(1, err.lines().count(), "one line: " + err);
        assertFalse(err.contains("\tat "), err);
        assertFalse(err.contains("found ["), "the file's bytes are not quoted: " + err);
        System.out.println("without manifests: " + err);
        Cli.Result verbose = Cli.run("aggregate", out.toString(), "--master", "local[1]", "--verbose");
        assertEquals(1, verbose.code());
        assertTrue(verbose.err().contains("\tat "), "--verbose shows the trace");
    }
}
