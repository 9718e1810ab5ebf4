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
import org.calorimeter.jobs.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input exits with code 2 and a message naming the key, before Spark starts, and leaves output untouched. */
class BadInputTest {
    @TempDir
    Path tmp;

    /** Runs the CLI, returning exit code and stderr. No SparkSession may be created on these paths. */
    record Run(int code, String err) {}

    Run run(String... args) {
        PrintStream saved = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            return new Run(Main.execute(args), buf.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(saved);
        }
    }

    Path write(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void unknownKeyIsNamed() throws IOException {
        Path c = write("c.yaml", LocalSweepTest.TINY.replace("replicas: 2", "replicas: 2, temprature: [1]"));
        Run r = run("sweep", c.toString(), "--out", tmp.resolve("o").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("grid.temprature"), r.err());
        assertFalse(Files.exists(tmp.resolve("o")), "nothing is created");
    }

    @Test
    void nonPositiveTemperatureIsNamed() throws IOException {
        Path c = write("c.yaml", LocalSweepTest.TINY.replace("[0.1, 1.0, 10.0]", "[0.0, 1.0]"));
        Run r = run("sweep", c.toString(), "--out", tmp.resolve("o").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("grid.temperature"), r.err());
    }

    @Test
    void missingConfigFileIsNamed() {
        Run r = run("sweep", tmp.resolve("nope.yaml").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("nope.yaml"), r.err());
    }

    @Test
    void badMasterIsNamed() throws IOException {
        Path c = write("c.yaml", LocalSweepTest.TINY);
        Run r = run("sweep", c.toString(), "--out", tmp.resolve("o").toString(), "--master", "local[two]");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--master"), r.err());
    }

    @Test
    void unknownKernelPropertyIsNamedBeforeSpark() throws IOException {
        Path c = write("c.yaml", LocalSweepTest.TINY);
        int sessions = org.calorimeter.jobs.Sessions.started();
        System.setProperty("calorimeter.kernels", "simd");
        try {
            Run r = run("sweep", c.toString(), "--out", tmp.resolve("o").toString());
            assertEquals(2, r.code());
            assertTrue(r.err().contains("-Dcalorimeter.kernels: 'simd' is not allowed; allowed: scalar"), r.err());
        } finally {
            System.clearProperty("calorimeter.kernels");
        }
        assertEquals(sessions, org.calorimeter.jobs.Sessions.started(), "no Spark session was started");
        assertFalse(Files.exists(tmp.resolve("o")), "nothing is created");
    }

    @Test
    void unknownFlagIsAUsageError() throws IOException {
        Path c = write("c.yaml", LocalSweepTest.TINY);
        assertEquals(2, run("sweep", c.toString(), "--outt", "x").code());
    }

    @Test
    void existingResultsAreNeverOverwrittenWithoutBeingAsked() throws IOException {
        Path c = write("c.yaml", LocalSweepTest.TINY);
        Path out = tmp.resolve("o");
        Files.createDirectories(out.resolve("cells"));
        Path precious = Files.writeString(out.resolve("cells").resolve("part-0.parquet"), "earlier results");
        Run r = run("sweep", c.toString(), "--out", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--overwrite"), r.err());
        assertEquals("earlier results", Files.readString(precious));
    }

    @Test
    void aggregateNeedsASweepFolder() {
        Run r = run("aggregate", tmp.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("cells/"), r.err());
    }
}
