package org.calorimeter.tests;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.calorimeter.core.cell.CellKey;
import org.calorimeter.core.cell.CellResult;
import org.calorimeter.core.cell.CellRunner;
import org.calorimeter.core.config.ConfigLoader;
import org.calorimeter.core.config.SweepConfig;
import org.calorimeter.jobs.Main;
import org.calorimeter.jobs.Sessions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on local Spark: a tiny grid through the real command line, Parquet read back, and the same sweep on
 * local[1] and local[2] giving bitwise the same cell values.
 */
class LocalSweepTest {
    static final String TINY = """
            name: tiny
            seed: 5
            model: {family: mlp, input_dim: 3, activation: tanh, teacher_width: 1, label_noise: 0.2}
            prior: {sigma: 1.0}
            grid: {width: [2, 3], data_size: [16, 32], temperature: [0.1, 1.0, 10.0], replicas: 2}
            sampler: {kind: mala, step_size: auto, burn_in: 300, steps: 2000}
            training: {max_iterations: 300}
            """;

    @TempDir
    static Path tmp;
    static Path config;
    static Path out1;
    static Path out2;
    static SparkSession spark;

    @BeforeAll
    static void runTwice() throws IOException {
        config = tmp.resolve("tiny.yaml");
        Files.writeString(config, TINY);
        out1 = tmp.resolve("run-local1");
        out2 = tmp.resolve("run-local2");
        assertEquals(0, Main.execute("sweep", config.toString(), "--out", out1.toString(), "--master", "local[1]"));
        assertEquals(0, Main.execute("sweep", config.toString(), "--out", out2.toString(), "--master", "local[2]"));
        // The aggregation alone, rerun on the second sweep's cells after its curves and fits are removed.
        deleteTree(out2.resolve("curves"));
        deleteTree(out2.resolve("fits"));
        assertEquals(0, Main.execute("aggregate", out2.toString(), "--master", "local[2]"));
        spark = Sessions.start("test-reader", "local[1]");
    }

    static void deleteTree(Path p) throws IOException {
        try (var walk = Files.walk(p)) {
            for (Path q : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(q);
        }
    }

    @AfterAll
    static void stop() {
        if (spark != null) spark.stop();
    }

    static final String[] KEY = {"model", "width", "data_size", "temperature", "replica"};

    static List<Row> cells(Path out) {
        Dataset<Row> df = spark.read().parquet(out.resolve("cells").toString());
        String[] values = Arrays.stream(df.columns()).filter(c -> !c.equals("wall_seconds")).toArray(String[]::new);
        return df.select(values[0], Arrays.copyOfRange(values, 1, values.length))
                .orderBy(KEY[0], Arrays.copyOfRange(KEY, 1, KEY.length)).collectAsList();
    }

    @Test
    void oneRowPerCellWithEveryDocumentedColumn() throws IOException {
        Dataset<Row> df = spark.read().parquet(out1.resolve("cells").toString());
        assertEquals(24, df.count());
        assertEquals(24, df.select(KEY[0], Arrays.copyOfRange(KEY, 1, KEY.length)).distinct().count());
        String docs = Files.readString(Path.of("../docs/columns.md"));
        for (String column : df.columns()) {
            assertTrue(docs.contains("`" + column + "`"), "docs/columns.md documents " + column);
        }
        assertEquals(0, df.filter(col("status").isin(CellResult.FAILED, CellResult.DIVERGED)).count());
        SweepConfig c = ConfigLoader.parse(TINY);
        assertEquals(Set.of(c.hash()), df.select("config_hash").distinct().collectAsList().stream()
                .map(r -> r.getString(0)).collect(Collectors.toSet()));
        for (Row r : df.collectAsList()) {
            double cf = r.getAs("c_fluct");
            double err = r.getAs("c_fluct_err");
            assertTrue(cf > 0 && err > 0 && Double.isFinite(cf), "c_fluct " + cf + " +- " + err);
        }
    }

    @Test
    void local1AndLocal2GiveBitwiseTheSameCells() {
        assertEquals(cells(out1), cells(out2));
    }

    @Test
    void aRowIsRebuiltFromItsProvenance() throws IOException {
        // The resolved config written beside the cells, plus the row's key, rebuild the row's numbers. With replica
        // exchange (on here: MALA, 3 temperatures) a cell's provenance is its line: the line is rerun whole.
        SweepConfig resolved = ConfigLoader.load(out1.resolve("config.yaml"));
        assertTrue(resolved.sampler().exchange().on());
        Row row = cells(out1).get(7);
        CellKey key = new CellKey(row.getAs("width"), row.getAs("data_size"), row.getAs("temperature"),
                row.getAs("replica"));
        CellResult again = org.calorimeter.core.cell.LineRunner.run(resolved, key.line(),
                resolved.grid().temperatures(), resolved.hash(), null).stream().map(CellRunner.Outcome::result)
                .filter(r -> r.temperature() == key.temperature()).findFirst().orElseThrow();
        assertEquals(row.<String>getAs("config_hash"), resolved.hash());
        assertEquals(row.<Long>getAs("seed"), again.seed());
        assertEquals(row.<Double>getAs("c_fluct"), again.cFluct().value());
        assertEquals(row.<Double>getAs("energy_mean"), again.energyMean().value());
        assertTrue(Files.readString(out1.resolve("run.json")).contains("\"config_hash\" : \"" + resolved.hash()));
    }

    @Test
    void tracesAreBoundedThinnedSeriesOfTheSameChains() {
        Dataset<Row> traces = spark.read().parquet(out1.resolve("traces").toString());
        assertEquals(24, traces.count(), "one chain per cell");
        Dataset<Row> joined = traces.join(spark.read().parquet(out1.resolve("cells").toString()),
                scala.jdk.javaapi.CollectionConverters.asScala(List.of(KEY)).toSeq());
        for (Row r : joined.collectAsList()) {
            List<Double> e = r.getList(r.fieldIndex("energy"));
            int stride = r.getAs("stride");
            int samples = r.getAs("samples");
            assertTrue(e.size() <= 1000, "bounded by trace_length");
            assertEquals((samples + stride - 1) / stride, e.size(), "every stride-th equilibrated sample");
            assertEquals(e.size(), r.getList(r.fieldIndex("psi")).size());
            // A subsample of the series the estimates used: its mean lies near <E> (loosely: within half a standard
            // deviation of E, far wider than the error of either mean).
            double mean = e.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            double sd = Math.sqrt(r.<Double>getAs("energy_var"));
            assertEquals(r.<Double>getAs("energy_mean"), mean, 0.5 * sd);
        }
    }

    @Test
    void everyCurveAndFitColumnIsDocumented() throws IOException {
        String docs = Files.readString(Path.of("../docs/columns.md"));
        for (String table : new String[] {"curves", "fits", "traces", "reweighted", "scaling", "schedule"}) {
            for (String column : spark.read().parquet(out1.resolve(table).toString()).columns()) {
                assertTrue(docs.contains("`" + column + "`"), "docs/columns.md documents " + table + "." + column);
            }
        }
        // Every fit kind the aggregation writes is named in the docs.
        String aggregation = Files.readString(Path.of("../docs/aggregation.md"));
        for (Row r : spark.read().parquet(out1.resolve("fits").toString()).select("kind").distinct().collectAsList()) {
            String kind = r.getString(0);
            boolean named = aggregation.contains("`" + kind + "`") || (kind.startsWith("collapse_")
                    && aggregation.contains("`collapse_{chi,c_log,psi}_{tc,nu,exponent,quality}`"))
                    || (kind.endsWith("_amplitude") && aggregation.contains("`peak_height_vs_width(_amplitude)`"));
            assertTrue(named || aggregation.contains(kind), "docs/aggregation.md names fit kind " + kind);
        }
    }

    /**
     * Depth as a grid axis, end to end on a small grid: each depth is its own architecture in the model column, cells
     * carry their depth, depth 1 keeps its seeds, and the fits hold an optimal depth per (N, D, T) and the depth law's row.
     */
    @Test
    void depthIsAGridAxis() throws IOException {
        Path cfg = Files.writeString(tmp.resolve("depth.yaml"), """
                name: depth
                seed: 5
                model: {family: mlp, input_dim: 3, activation: tanh, teacher_width: 1, label_noise: 0.2}
                prior: {sigma: 1.0}
                grid: {width: [2], depth: [1, 2, 3], data_size: [16], temperature: [0.1, 1.0, 10.0], replicas: 2}
                sampler: {kind: mala, step_size: auto, burn_in: 300, steps: 1000}
                training: {max_iterations: 300}
                """);
        Path out = tmp.resolve("depth");
        assertEquals(0, Main.execute("sweep", cfg.toString(), "--out", out.toString(), "--master", "local[2]"));
        // The sweep stopped the JVM's one Spark context, which the shared reader used: start it again.
        spark = Sessions.start("test-reader", "local[1]");
        Dataset<Row> cells = spark.read().parquet(out.resolve("cells").toString());
        assertEquals(18, cells.count());
        assertEquals(List.of("mlp|1|6", "mlp-depth2|2|6", "mlp-depth3|3|6"), cells.groupBy("model", "depth").count()
                .orderBy("depth").collectAsList().stream().map(r -> r.get(0) + "|" + r.get(1) + "|" + r.get(2)).toList());
        // n_params: 2*3 + 2 = 8 at depth 1, + 2*2 per further layer.
        assertEquals(List.of(8, 12, 16), cells.select("n_params").distinct().orderBy("n_params").collectAsList()
                .stream().map(r -> r.getInt(0)).toList());
        SweepConfig c = ConfigLoader.load(cfg);
        Row one = cells.filter("depth = 1 and temperature = 1.0 and replica = 0").first();
        assertEquals(new CellKey(2, 16, 1.0, 0).chainSeed(c.seed()), one.<Long>getAs("seed"), "depth 1 keeps its seed");
        Dataset<Row> fits = spark.read().parquet(out.resolve("fits").toString());
        assertEquals(3, fits.filter("kind = 'optimal_depth'").count(), "one per temperature");
        assertEquals(1, fits.filter("kind = 'depth_scaling' and model = 'mlp'").count());
        // curves and fits carry the depth as a column too (fits that compare depths have none).
        assertEquals(3, spark.read().parquet(out.resolve("curves").toString()).select("model", "depth").distinct()
                .filter("depth = 1 and model = 'mlp' or depth = 2 and model = 'mlp-depth2' or depth = 3 and model = "
                        + "'mlp-depth3'").count());
        assertEquals(0, fits.filter("kind = 'optimal_depth' and depth is not null").count());
        assertEquals(0, fits.filter("kind = 'peak_temperature' and depth is null").count());
    }

    @Test
    void fitsAndCurvesAreWritten() {
        Dataset<Row> curves = spark.read().parquet(out1.resolve("curves").toString());
        assertEquals(12, curves.count(), "one point per (width, data size, temperature)");
        assertEquals(2, curves.agg(org.apache.spark.sql.functions.min("replicas")).first().getInt(0));
        Dataset<Row> fits = spark.read().parquet(out1.resolve("fits").toString());
        Set<String> kinds = fits.select("kind").distinct().collectAsList().stream().map(r -> r.getString(0))
                .collect(Collectors.toSet());
        // Every fit kind of the aggregation is present, fitted or with a row saying why not (issue 4, acceptance 3).
        Set<String> expected = new java.util.TreeSet<>(Set.of("peak_temperature", "peak_height",
                "peak_height_vs_width", "peak_height_vs_width_amplitude", "peak_height_vs_data",
                "peak_height_vs_data_amplitude", "peak_temperature_rw", "peak_height_rw", "chi_peak_temperature_rw",
                "chi_peak_height_rw", "low_t_exponent", "low_t_plateau", "critical_exponent_low",
                "critical_exponent_high", "high_t_plateau", "tau_int_max", "chi_peak_height_vs_width",
                "peak_log_amplitude", "tc_infinite_from_peaks", "nu_from_peaks", "data_exponent",
                "joint_width_exponent", "joint_data_exponent", "capacity_optimal_width", "depth_scaling", "prior_kl"));
        for (String q : new String[] {"chi", "c_log", "psi"}) {
            for (String k : new String[] {"tc", "nu", "exponent", "quality"}) expected.add("collapse_" + q + "_" + k);
        }
        assertEquals(expected, new java.util.TreeSet<>(kinds));
        // A row that was not fitted says why.
        for (Row r : fits.filter(col("converged").equalTo(false)).collectAsList()) {
            assertTrue(!r.<String>getAs("message").isBlank(), r.toString());
        }
    }

    @Test
    void aggregateRerunGivesTheSameCurvesAndFits() {
        for (String table : new String[] {"curves", "fits"}) {
            Dataset<Row> a = spark.read().parquet(out1.resolve(table).toString());
            Dataset<Row> b = spark.read().parquet(out2.resolve(table).toString());
            assertEquals(a.count(), b.count(), table);
            assertEquals(0, a.exceptAll(b).count(), table + " identical after `aggregate`");
        }
    }
}
