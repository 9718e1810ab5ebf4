package org.calorimeter.tests;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.calorimeter.core.config.ConfigLoader;
import org.calorimeter.core.config.SweepConfig;
import org.calorimeter.jobs.Main;
import org.calorimeter.jobs.Sessions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The adaptive refinement pass: {@code refine DIR --add 2} adds two temperatures to an existing sweep, runs only
 * their cells into the same cells/ and traces/, and aggregates again. Seeds derive from the cell key alone, so the new
 * cells equal bitwise those of a sweep run on the union grid from the start.
 */
class RefineTest {
    @TempDir
    Path tmp;

    @Test
    void refinementAddsOnlyNewCellsAndMatchesADirectSweep() throws Exception {
        Path config = Files.writeString(tmp.resolve("tiny.yaml"), LocalSweepTest.TINY);
        Path out = tmp.resolve("out");
        assertEquals(0, Main.execute("sweep", config.toString(), "--out", out.toString(), "--master", "local[2]"));
        assertEquals(0, Main.execute("refine", out.toString(), "--add", "2", "--master", "local[2]"));
        SweepConfig widened = ConfigLoader.load(out.resolve("config.yaml"));
        List<Double> temps = widened.grid().temperatures();
        assertEquals(5, temps.size(), "3 + 2 temperatures: " + temps);
        assertTrue(Files.isRegularFile(out.resolve("configs").resolve(widened.hash() + ".yaml")));
        {
            SparkSession reader = Sessions.start("hash-reader", "local[1]");
            try {
                // The aggregation after refine is the widened config's: its fits say so.
                assertEquals(java.util.List.of(widened.hash()), reader.read().parquet(out.resolve("fits").toString())
                        .select("config_hash").distinct().as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
                // Its bootstrap streams are the first pass's, and every bootstrapped row says so.
                long firstSeed = Long.parseUnsignedLong(ConfigLoader.load(config).hash(), 16);
                assertEquals(java.util.List.of(firstSeed), reader.read().parquet(out.resolve("fits").toString())
                        .filter("bootstrap_replicates > 0").select("bootstrap_seed").distinct()
                        .as(org.apache.spark.sql.Encoders.LONG()).collectAsList());
            } finally {
                reader.stop();
            }
        }
        Path direct = tmp.resolve("direct");
        Path union = Files.writeString(tmp.resolve("union.yaml"), widened.toYaml());
        assertEquals(0, Main.execute("sweep", union.toString(), "--out", direct.toString(), "--master", "local[2]"));
        SparkSession spark = Sessions.start("reader", "local[1]");
        try {
            Dataset<Row> a = spark.read().parquet(out.resolve("cells").toString()).drop("wall_seconds", "config_hash", "batch");
            Dataset<Row> b = spark.read().parquet(direct.resolve("cells").toString()).drop("wall_seconds", "config_hash", "batch");
            assertEquals(2 * 2 * 5 * 2, a.count(), "one row per cell of the widened grid");
            assertEquals(a.count(), a.select("width", "data_size", "temperature", "replica").distinct().count(),
                    "no cell twice");
            assertEquals(0, a.exceptAll(b).count(), "refined cells equal the direct sweep's bit for bit");
            assertEquals(0, b.exceptAll(a).count());
            assertEquals(5, spark.read().parquet(out.resolve("curves").toString())
                    .filter(col("width").equalTo(2).and(col("data_size").equalTo(16))).count());
        } finally {
            spark.stop();
        }
    }
}
