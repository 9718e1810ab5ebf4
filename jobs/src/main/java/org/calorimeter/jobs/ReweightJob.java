package org.calorimeter.jobs;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.io.Serializable;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.calorimeter.core.fit.FitResult;
import org.calorimeter.core.fit.Regimes;
import org.calorimeter.core.fit.ReweightedCurve;
import org.calorimeter.core.fit.Reweighting;
import org.calorimeter.core.fit.SizeScaling;
import org.calorimeter.core.rng.Seeds;

/**
 * The reweighting part of the aggregation: every (model, width, data size, replica) line's traces are reweighted by
 * MBAR in its own Spark task (core's {@link Reweighting}); the driver combines the replicas of a line
 * ({@link ReweightedCurve}), writes {@code reweighted/}, and runs the size scaling across widths
 * ({@link SizeScaling}, its bootstrap replicates as Spark tasks), writing {@code scaling/}. Only curves (about 60
 * points and 100 bootstrap replicates per line) reach the driver, never trace points.
 */
public final class ReweightJob {
    static final int FINE_POINTS = 60;

    private ReweightJob() {}

    static final StructType REWEIGHTED = new StructType()
            .add("model", StringType, false)
            .add("width", IntegerType, false)
            .add("data_size", IntegerType, false)
            .add("temperature", DoubleType, false)
            .add("replicas", IntegerType, false)
            .add("energy_mean", DoubleType, false)
            .add("c", DoubleType, false)
            .add("c_low", DoubleType, false)
            .add("c_high", DoubleType, false)
            .add("psi", DoubleType, false)
            .add("chi", DoubleType, false)
            .add("chi_low", DoubleType, false)
            .add("chi_high", DoubleType, false)
            .add("entropy", DoubleType, false)
            .add("free_energy", DoubleType, false)
            .add("entropy_abs", DoubleType, true)
            .add("entropy_abs_err", DoubleType, true)
            .add("free_energy_abs", DoubleType, true)
            .add("overlap", DoubleType, false)
            .add("reliable", BooleanType, false)
            .add("config_hash", StringType, false);

    static final StructType SCALING = new StructType()
            .add("model", StringType, false)
            .add("data_size", IntegerType, false)
            .add("quantity", StringType, false)
            .add("width", IntegerType, false)
            .add("x", DoubleType, false)
            .add("f", DoubleType, false)
            .add("f_low", DoubleType, false)
            .add("f_high", DoubleType, false)
            .add("config_hash", StringType, false);

    /** A reweighted line: the model column names the architecture (its depth included), so width, D, replica do. */
    record LineKey(String model, int width, int dataSize, int replica) implements Serializable {
        static LineKey of(String model, org.calorimeter.core.cell.Line line) {
            return new LineKey(model, line.width(), line.dataSize(), line.replica());
        }
    }

    record Reweighted(LineKey key, Reweighting.Line line, String skipped) implements Serializable {}

    /** A fit and the model it belongs to. */
    public record ModelFit(String model, FitResult fit) {}

    /** Reweights every line and returns its fits (peaks of C and chi, size scaling); writes reweighted/ and scaling/. */
    public static List<ModelFit> run(SparkSession spark, OutputDir out, String hash, long seed) {
        List<ModelFit> fitRows = new ArrayList<>();
        if (!Files.isDirectory(out.traces()) || spark.read().parquet(out.traces().toString()).isEmpty()) {
            for (Row r : spark.read().parquet(out.cells().toString()).select("model").distinct().collectAsList()) {
                fitRows.add(new ModelFit(r.getString(0), FitResult.failed("peak_temperature_rw", null, null, 0, "MBAR",
                        "no traces (sampler.trace_length: 0, or no usable cell): nothing to reweight")));
            }
            spark.createDataFrame(List.of(), REWEIGHTED).write().mode("overwrite").parquet(out.reweighted().toString());
            spark.createDataFrame(List.of(), SCALING).write().mode("overwrite").parquet(out.scaling().toString());
            return fitRows;
        }
        Map<String, Integer> params = new TreeMap<>();
        for (Row r : spark.read().parquet(out.cells().toString()).select("model", "width", "n_params").distinct()
                .collectAsList()) {
            params.put(r.getString(0) + "|" + r.getInt(1), r.getInt(2));
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        // One task per line: the traces file has few partitions, and a line's MBAR with its bootstrap is seconds.
        int lineCount = (int) Keys.read(spark, out.cells())
                .selectExpr(Keys.line()).distinct().count();
        List<Reweighted> lines = Keys.read(spark, out.traces())
                .selectExpr(Keys.line("temperature", "energy", "psi", "ladder"))
                .javaRDD()
                .groupBy(r -> LineKey.of(r.getAs("model"), Keys.lineOf(r)),
                        Math.max(1, lineCount))
                .map(g -> reweight(g._1(), g._2(), params.get(g._1().model() + "|" + g._1().width()), seed))
                .collect();
        // Combine replicas per (model, width, data size).
        Map<String, Map<Integer, Map<Integer, List<Reweighting.Line>>>> grouped = new TreeMap<>();
        List<Row> rows = new ArrayList<>();
        Map<String, String> notReweighted = new TreeMap<>();
        for (Reweighted rw : lines) {
            if (rw.line() == null && rw.skipped() != null) {
                notReweighted.putIfAbsent(rw.key().model() + "|" + rw.key().width() + "|" + rw.key().dataSize(),
                        rw.skipped());
            }
            if (rw.line() == null) continue;
            grouped.computeIfAbsent(rw.key().model(), k -> new TreeMap<>())
                    .computeIfAbsent(rw.key().dataSize(), k -> new TreeMap<>())
                    .computeIfAbsent(rw.key().width(), k -> new ArrayList<>()).add(rw.line());
        }
        for (var e : notReweighted.entrySet()) {
            String[] k = e.getKey().split("\\|");
            fitRows.add(new ModelFit(k[0], FitResult.failed("reweighting", Integer.parseInt(k[1]),
                    Integer.parseInt(k[2]), 0, "MBAR over the line's sampled temperatures", e.getValue())));
        }
        Map<String, double[]> anchors = klAnchors(spark, out);
        List<Row> scalingRows = new ArrayList<>();
        SizeScaling.Runner runner = (count, task) -> jsc.parallelize(IntStream.range(0, count).boxed().toList(),
                Math.max(1, Math.min(count, jsc.defaultParallelism()))).map(task::replicate).collect();
        for (var model : grouped.entrySet()) {
            for (var size : model.getValue().entrySet()) {
                Map<Integer, ReweightedCurve> byWidth = new TreeMap<>();
                Map<Integer, Integer> n = new TreeMap<>();
                for (var width : size.getValue().entrySet()) {
                    int w = width.getKey();
                    List<Reweighting.Line> reps = width.getValue();
                    if (reps.stream().map(l -> l.temperature().length).distinct().count() > 1) continue;
                    ReweightedCurve c = ReweightedCurve.combine(reps, w, size.getKey(),
                            Seeds.derive(seed, "combine", w, size.getKey()));
                    byWidth.put(w, c);
                    n.put(w, params.get(model.getKey() + "|" + w));
                    // Absolute S = -KL(p_T || prior), anchored at the line's highest temperature T1, where KL from
                    // the prior is smallest and most precise (curves/kl): S(T) = S_rel(T) - S_rel(T1) - KL(T1).
                    double[] anchor = anchors.get(model.getKey() + "|" + w + "|" + size.getKey());
                    int top = c.temperature().length - 1;
                    double t1 = c.temperature()[top];
                    boolean absolute = anchor != null && Math.abs(anchor[0] - t1) <= 1e-9 * t1;
                    // Its error: the anchor's, and the joint bootstrap's spread of S_rel(T) - S_rel(T1) (C/T
                    // integrated along each replicate's C), in quadrature.
                    double[] relSd = absolute ? relativeEntropySd(c) : null;
                    for (int i = 0; i < c.temperature().length; i++) {
                        Double sAbs = absolute ? c.entropy()[i] - c.entropy()[top] - anchor[1] : null;
                        rows.add(RowFactory.create(model.getKey(), w, size.getKey(), c.temperature()[i], c.replicas(),
                                c.energy()[i], c.c()[i], c.cLow()[i], c.cHigh()[i], c.psi()[i], c.chi()[i],
                                c.chiLow()[i], c.chiHigh()[i], c.entropy()[i], c.freeEnergy()[i], sAbs,
                                absolute ? Math.hypot(anchor[2], relSd[i]) : null,
                                absolute ? c.energy()[i] - c.temperature()[i] * sAbs : null,
                                c.overlap()[i], c.overlap()[i] >= Reweighting.MIN_OVERLAP, hash));
                    }
                    for (FitResult f : c.fits()) fitRows.add(new ModelFit(model.getKey(), f));
                    for (FitResult f : Regimes.critical(c)) fitRows.add(new ModelFit(model.getKey(), f));
                }
                SizeScaling.Result scaling = SizeScaling.fit(byWidth, n, size.getKey(), runner);
                for (FitResult f : scaling.fits()) fitRows.add(new ModelFit(model.getKey(), f));
                for (double[] p : scaling.scalingFunction()) {
                    scalingRows.add(RowFactory.create(model.getKey(), size.getKey(), "chi", (int) p[0], p[1], p[2],
                            p[3], p[4], hash));
                }
            }
        }
        spark.createDataFrame(rows, REWEIGHTED).coalesce(1).write().mode("overwrite").parquet(out.reweighted().toString());
        spark.createDataFrame(scalingRows, SCALING).coalesce(1).write().mode("overwrite")
                .parquet(out.scaling().toString());
        return fitRows;
    }

    /** Per temperature, the sd over the joint bootstrap replicates of S(T) - S(T1), T1 the curve's highest. */
    static double[] relativeEntropySd(ReweightedCurve c) {
        int n = c.temperature().length;
        double[][] rel = new double[n][c.bootC().length];
        for (int k = 0; k < c.bootC().length; k++) {
            double[] sk = Reweighting.entropy(c.temperature(), c.bootC()[k]);
            for (int i = 0; i < n; i++) rel[i][k] = sk[i] - sk[n - 1];
        }
        double[] sd = new double[n];
        for (int i = 0; i < n; i++) sd[i] = rel[i].length > 1 ? org.calorimeter.core.fit.Intervals.sd(rel[i]) : 0.0;
        return sd;
    }

    /**
     * {T1, KL(T1), its error} per "model|width|data size" from curves/: KL at each line's highest grid temperature, the
     * anchor of the absolute entropy (lines whose KL does not apply are absent).
     */
    static Map<String, double[]> klAnchors(SparkSession spark, OutputDir out) {
        Map<String, double[]> anchors = new TreeMap<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        if (!java.nio.file.Files.isDirectory(out.curves())) return anchors;
        for (Row r : spark.read().parquet(out.curves().toString())
                .select("model", "width", "data_size", "temperature", "kl", "kl_err")
                .orderBy(functions.col("model"), functions.col("width"), functions.col("data_size"),
                        functions.col("temperature").desc()).collectAsList()) {
            String key = r.getString(0) + "|" + r.getInt(1) + "|" + r.getInt(2);
            // Rows come hottest first: a line's first row is its anchor, or it has none.
            if (seen.add(key) && !r.isNullAt(4)) {
                anchors.put(key, new double[] {r.getDouble(3), r.getDouble(4), r.getDouble(5)});
            }
        }
        return anchors;
    }

    /** One replica line: its traces grouped by temperature (chains concatenated), reweighted. */
    static Reweighted reweight(LineKey key, Iterable<Row> traces, Integer n, long seed) {
        TreeMap<Double, List<double[][]>> byT = new TreeMap<>();
        java.util.TreeSet<Double> grid = new java.util.TreeSet<>();
        for (Row r : traces) {
            // By name: the key columns before them change when the grid gains an axis.
            double t = r.<Double>getAs("temperature");
            if (!r.<Boolean>getAs("ladder")) grid.add(t);
            List<Double> e = r.getList(r.fieldIndex("energy"));
            List<Double> p = r.getList(r.fieldIndex("psi"));
            double[][] pair = {e.stream().mapToDouble(Double::doubleValue).toArray(),
                p.stream().mapToDouble(Double::doubleValue).toArray()};
            byT.computeIfAbsent(t, k -> new ArrayList<>()).add(pair);
        }
        if (byT.size() < 2) return new Reweighted(key, null, "fewer than 2 temperatures with traces");
        double[] temps = byT.keySet().stream().mapToDouble(Double::doubleValue).toArray();
        double[][] e = new double[temps.length][];
        double[][] p = new double[temps.length][];
        int k = 0;
        for (List<double[][]> chains : byT.values()) {
            e[k] = chains.stream().flatMapToDouble(c -> java.util.Arrays.stream(c[0])).toArray();
            p[k] = chains.stream().flatMapToDouble(c -> java.util.Arrays.stream(c[1])).toArray();
            k++;
        }
        if (grid.size() < 2) return new Reweighted(key, null, "fewer than 2 grid temperatures with traces");
        if (Reweighting.disjointNeighbours(e)) {
            return new Reweighted(key, null, "neighbouring temperatures sampled disjoint energy ranges (no overlap): "
                    + "add temperatures between them, or use sampler.exchange.ladder: auto");
        }
        double[] gridTemps = grid.stream().mapToDouble(Double::doubleValue).toArray();
        int per = Math.max(2, (int) Math.ceil((double) FINE_POINTS / (gridTemps.length - 1)));
        try {
            return new Reweighted(key, Reweighting.of(temps, e, p, n == null ? 1 : n, gridTemps, per, Reweighting.BOOTSTRAP,
                    Seeds.derive(seed, "reweight", key.width(), key.dataSize(), key.replica())), null);
        } catch (Reweighting.NotConverged ex) {
            return new Reweighted(key, null, ex.getMessage() + "; add temperatures between them, or use "
                    + "sampler.exchange.ladder: auto");
        }
    }

}
