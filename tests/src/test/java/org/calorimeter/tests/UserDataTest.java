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
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.calorimeter.jobs.Main;
import org.calorimeter.jobs.Sessions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** model.data: a CSV or Parquet file replaces the synthetic teacher; its problems are named before Spark starts. */
class UserDataTest {
    @TempDir
    Path tmp;

    static final String CONFIG = """
            name: user-data
            seed: 4
            model:
              family: linear
              data: {format: %s, path: %s, features: [a, b, c], label: y}
            grid: {data_size: [%d], temperature: [1.0], replicas: 1}
            sampler: {kind: mala, burn_in: 500, steps: 20000}
            """;

    Path csv() throws IOException {
        StringBuilder b = new StringBuilder("id,a,b,c,y\n");
        SplittableRandom rng = new SplittableRandom(9);
        for (int i = 0; i < 60; i++) {
            double a = rng.nextGaussian(), bb = rng.nextGaussian(), c = rng.nextGaussian();
            b.append(String.format(Locale.ROOT, "%d,%.17g,%.17g,%.17g,%.17g%n", i, a, bb, c,
                    0.5 * a - bb + 0.2 * c + 0.3 * rng.nextGaussian()));
        }
        return Files.writeString(tmp.resolve("data.csv"), b.toString());
    }

    int run(Path config, Path out, StringBuilder err) {
        PrintStream saved = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            return Main.execute("sweep", config.toString(), "--out", out.toString(), "--master", "local[1]");
        } finally {
            System.setErr(saved);
            err.append(buf.toString(StandardCharsets.UTF_8));
        }
    }

    /**
     * The data file's SHA-256 is provenance: a rerun into the same output after the file changed is refused (exit 2,
     * both hashes named) and the committed cells stay as they were; with the file restored the rerun resumes.
     */
    @Test
    void aResumeOnChangedDataIsRefused() throws IOException {
        Path data = csv();
        Path config = Files.writeString(tmp.resolve("c.yaml"), CONFIG.formatted("csv", data, 20)
                .replace("steps: 20000", "steps: 1000"));
        Path out = tmp.resolve("out");
        assertEquals(0, run(config, out, new StringBuilder()));
        String run = Files.readString(out.resolve("run.json"));
        assertTrue(run.contains("\"data_sha256\""), run);
        byte[] cellsBefore = cellBytes(out);
        String original = Files.readString(data);
        Files.writeString(data, original.replaceFirst("\n0,", "\n7,"));   // one id edited: same numbers read
        StringBuilder err = new StringBuilder();
        assertEquals(2, run(config, out, err));
        assertTrue(err.toString().contains("model.data.path: the data file changed") && err.toString().contains(" != "),
                err.toString());
        assertEquals(1, err.toString().strip().lines().count(), "one line: " + err);
        assertTrue(java.util.Arrays.equals(cellsBefore, cellBytes(out)), "the committed cells are untouched");
        Files.writeString(data, original);
        assertEquals(0, run(config, out, new StringBuilder()), "the restored file resumes");
    }

    /** The bytes of every Parquet file under cells/, in name order. */
    static byte[] cellBytes(Path out) throws IOException {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        try (var files = Files.walk(out.resolve("cells"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".parquet")).sorted().toList()) {
                all.write(Files.readAllBytes(f));
            }
        }
        return all.toByteArray();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "path: DATA|path: nowhere.csv|model.data.path",
        "features: [a, b, c]|features: [a, b, q]|model.data.features",
        "label: y|label: z|model.data.label",
        "data_size: [50]|data_size: [61]|grid.data_size",
        "features: [a, b, c]|features: [a, b, id], bogus: 1|model.data.bogus",
    })
    void problemsAreNamedBeforeSparkStarts(String from, String to, String key) throws IOException {
        Path data = csv();
        String yaml = CONFIG.formatted("csv", "DATA", 50).replace(from, to).replace("DATA", data.toString());
        Path out = tmp.resolve("out");
        StringBuilder err = new StringBuilder();
        assertEquals(2, run(Files.writeString(tmp.resolve("c.yaml"), yaml), out, err));
        assertTrue(err.toString().contains(key), err.toString());
        assertFalse(Files.exists(out), "nothing is written");
    }

    @Test
    void nonNumericValueIsNamed() throws IOException {
        Path data = Files.writeString(tmp.resolve("bad.csv"), "a,b,c,y\n1,2,3,4\n1,two,3,4\n");
        StringBuilder err = new StringBuilder();
        assertEquals(2, run(Files.writeString(tmp.resolve("c.yaml"), CONFIG.formatted("csv", data, 2)),
                tmp.resolve("out"), err));
        assertTrue(err.toString().contains("model.data.features") && err.toString().contains("column 'b' row 2"),
                err.toString());
        assertFalse(err.toString().contains("two"), "the file's content is not printed: " + err);
    }

    /**
     * A flat-prior linear model on the file's first 50 rows: C = d/2 = 1.5 whatever the data (equipartition), within
     * 3 error bars; and the same rows written as Parquet give bitwise the same cell.
     */
    @Test
    void csvAndParquetGiveTheSameCell() throws IOException {
        Path data = csv();
        Path parquet = tmp.resolve("data.parquet");
        SparkSession spark = Sessions.start("writer", "local[1]");
        try {
            spark.read().option("header", "true").option("inferSchema", "true").csv(data.toString()).coalesce(1)
                    .write().parquet(parquet.toString());
            Path file;
            try (var files = Files.list(parquet)) {
                file = files.filter(p -> p.toString().endsWith(".parquet")).findFirst().orElseThrow();
            }
            StringBuilder err = new StringBuilder();
            assertEquals(0, run(Files.writeString(tmp.resolve("a.yaml"), CONFIG.formatted("csv", data, 50)),
                    tmp.resolve("csv-out"), err), err.toString());
            assertEquals(0, run(Files.writeString(tmp.resolve("b.yaml"), CONFIG.formatted("parquet", file, 50)),
                    tmp.resolve("pq-out"), err), err.toString());
            spark = Sessions.start("reader", "local[1]");
            List<Row> a = spark.read().parquet(tmp.resolve("csv-out/cells").toString()).collectAsList();
            List<Row> b = spark.read().parquet(tmp.resolve("pq-out/cells").toString()).collectAsList();
            assertEquals(1, a.size());
            double c = a.get(0).getAs("c_fluct");
            double e = a.get(0).getAs("c_fluct_err");
            assertEquals("ok", a.get(0).getAs("status"));
            assertTrue(Math.abs(c - 1.5) < 3 * e, "C = " + c + " +- " + e + " vs d/2 = 1.5");
            assertEquals(c, b.get(0).<Double>getAs("c_fluct"), 0.0, "the same rows from Parquet");
            assertTrue(Double.isNaN(a.get(0).<Double>getAs("overlap")), "no teacher, no overlap");
        } finally {
            spark.stop();
        }
    }
}
