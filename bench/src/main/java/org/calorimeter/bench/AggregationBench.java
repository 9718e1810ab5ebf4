package org.calorimeter.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.calorimeter.core.cell.CellKey;
import org.calorimeter.core.cell.CellResult;
import org.calorimeter.core.cell.Exchange;
import org.calorimeter.core.cell.Fisher;
import org.calorimeter.core.estimator.Estimate;
import org.calorimeter.core.config.ConfigLoader;
import org.calorimeter.core.config.SweepConfig;
import org.calorimeter.core.fit.Collapse;
import org.calorimeter.core.fit.FitResult;
import org.calorimeter.jobs.AggregateJob;
import org.calorimeter.jobs.CellRows;
import org.calorimeter.jobs.OutputDir;
import org.calorimeter.jobs.Sessions;

/**
 * Aggregation of 10^5 synthetic cells: 5 widths x 4 data sizes x 100 temperatures x 50 replicas drawn from a
 * planted scaling form C = N^a (D/100)^b F((T - T_c) N^(1/nu)), F(x) = 1 + 3/(1 + x^2), with a = 0.5, b = -0.3,
 * T_c = 1.2, nu = 2 and 3% replica noise, written as a sweep's cells/ (no traces, so the MBAR reweighting has
 * nothing to do), then
 * <ol>
 *   <li>the production aggregation ({@code AggregateJob.run}: curves, peaks with their bootstrap, power laws,
 *       regimes, and the grid fits with 200 replica resamples each), timed;</li>
 *   <li>a data collapse of the C curves (Houdayer-Hartmann, core's {@code Collapse}) with 200 bootstrap replicates
 *       over replicas, run as Spark tasks the way the aggregation's size scaling runs its replicates, timed.</li>
 * </ol>
 * Usage: {@code AggregationBench OUT_DIR [MASTER]}; prints the times and writes them to OUT_DIR/times.txt.
 */
public final class AggregationBench {
    static final int[] WIDTHS = {8, 16, 32, 64, 128};
    static final int[] SIZES = {100, 300, 1000, 3000};
    static final int TEMPS = 100;
    static final int REPLICAS = 50;
    static final double A = 0.5;
    static final double B = -0.3;
    static final double TC = 1.2;
    static final double NU = 2.0;
    static final double NOISE = 0.03;
    static final int COLLAPSE_REPLICATES = 200;

    private AggregationBench() {
    }

    static double[] temperatures() {
        double[] t = new double[TEMPS];
        for (int i = 0; i < TEMPS; i++) t[i] = Math.round((0.5 + 1.5 * i / (TEMPS - 1)) * 1e6) / 1e6;
        return t;
    }

    static double planted(int width, int size, double t) {
        double x = (t - TC) * Math.pow(width, 1 / NU);
        return Math.pow(width, A) * Math.pow(size / 100.0, B) * (1 + 3 / (1 + x * x));
    }

    static SweepConfig config() {
        StringBuilder temps = new StringBuilder();
        for (double t : temperatures()) temps.append(temps.length() == 0 ? "" : ", ").append(t);
        return ConfigLoader.parse("name: synthetic-aggregation\nseed: 11\nmodel: {family: mlp, input_dim: 8}\n"
                + "grid: {width: [8, 16, 32, 64, 128], data_size: [100, 300, 1000, 3000], temperature: [" + temps
                + "], replicas: " + REPLICAS + "}\n");
    }

    /** One synthetic cell: planted C with replica noise, E its integral, psi a smooth step. */
    static CellResult cell(SweepConfig cfg, int width, int size, double[] ts, int ti, int replica, SplittableRandom r) {
        double t = ts[ti];
        double c = planted(width, size, t) * (1 + NOISE * r.nextGaussian());
        // E(T) - E(T_0) = integral of the planted C: N^a (D/100)^b [(T - T_0) + 3 N^(-1/nu) (atan x - atan x_0)]
        double s = Math.pow(width, 1 / NU);
        double e = Math.pow(width, A) * Math.pow(size / 100.0, B)
                * ((t - ts[0]) + 3 / s * (Math.atan((t - TC) * s) - Math.atan((ts[0] - TC) * s)));
        e += 0.02 * r.nextGaussian();
        double psi = 1 / (1 + Math.exp((t - TC) / 0.1)) + 0.01 * r.nextGaussian();
        long seed = new CellKey(width, size, t, replica).chainSeed(cfg.seed());
        Estimate none = Estimate.NONE;
        return new CellResult("mlp", width, 1, size, t, replica, seed, width * 9, 1000, 0, 10000, 1, 1, 10000, 1e-3,
                0.1, 500, true, 0.1, new Estimate(e, 0.02), new Estimate(c * t * t, NOISE * c * t * t),
                new Estimate(c, NOISE * c), new Estimate(1.1 * c, 0.05 * c), new Estimate(0.9 * c, 0.05 * c),
                new Estimate(0.5 * c, NOISE * c), new Estimate(5.0, 0.5), 2000, 1.001, new Estimate(psi, 0.01),
                new Estimate(psi * (1 - psi) / 0.1, 0.01), none, none, Fisher.NONE, 0.6, Exchange.NONE, CellResult.OK, "", 10.0,
                cfg.hash());
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "bench/target/results/aggregation");
        String master = args.length > 1 ? args[1] : "local[*]";
        SweepConfig cfg = config();
        OutputDir out = new OutputDir(dir);
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(dir);
        Files.writeString(out.config(), cfg.toYaml());
        double[] ts = temperatures();

        SparkSession spark = Sessions.start("aggregation-bench", master);
        try {
            long t0 = System.nanoTime();
            // generated in Spark tasks, one per (width, D) line, each from its own seeded stream
            List<int[]> lines = new ArrayList<>();
            for (int w : WIDTHS) {
                for (int d : SIZES) lines.add(new int[] {w, d});
            }
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            JavaRDD<Row> rows = jsc.parallelize(lines, lines.size()).flatMap(l -> {
                SplittableRandom r = new SplittableRandom(cfg.seed() * 31 + l[0] * 7919L + l[1]);
                List<Row> made = new ArrayList<>();
                for (int i = 0; i < TEMPS; i++) {
                    for (int rep = 0; rep < REPLICAS; rep++) made.add(CellRows.toRow(cell(cfg, l[0], l[1], ts, i, rep, r)));
                }
                return made.iterator();
            });
            spark.createDataFrame(rows, CellRows.SCHEMA).repartition(4).write()
                    .parquet(out.cells().resolve("batch=0").toString());
            long cells = spark.read().parquet(out.cells().toString()).count();
            long t1 = System.nanoTime();

            AggregateJob.Outcome outcome = AggregateJob.run(spark, out);
            long t2 = System.nanoTime();

            // Collapse of the D = 100 curves, replicas resampled with replacement in each of 200 replicates.
            double[][][] byWidth = new double[WIDTHS.length][TEMPS][REPLICAS];
            SplittableRandom g = new SplittableRandom(cfg.seed());
            for (int wi = 0; wi < WIDTHS.length; wi++) {
                for (int i = 0; i < TEMPS; i++) {
                    for (int rep = 0; rep < REPLICAS; rep++) {
                        byWidth[wi][i][rep] = planted(WIDTHS[wi], 100, ts[i]) * (1 + NOISE * g.nextGaussian());
                    }
                }
            }
            List<double[]> reps = jsc.parallelize(IntStream.range(0, COLLAPSE_REPLICATES).boxed().toList(),
                    COLLAPSE_REPLICATES).map(b -> collapse(byWidth, ts, b)).collect();
            double[] full = collapse(byWidth, ts, -1);
            long t3 = System.nanoTime();

            double aggregate = (t2 - t1) / 1e9;
            double collapse = (t3 - t2) / 1e9;
            long converged = outcome.fits().stream().filter(FitResult::converged).count();
            double[] sd = new double[3];
            for (int k = 0; k < 3; k++) {
                final int kk = k;
                double mean = reps.stream().mapToDouble(x -> x[kk]).average().orElse(Double.NaN);
                sd[k] = Math.sqrt(reps.stream().mapToDouble(x -> (x[kk] - mean) * (x[kk] - mean)).sum()
                        / (reps.size() - 1));
            }
            java.util.Map<String, long[]> byKind = new java.util.TreeMap<>();
            for (FitResult f : outcome.fits()) {
                long[] c = byKind.computeIfAbsent(f.kind(), k -> new long[2]);
                c[0]++;
                if (f.converged()) c[1]++;
            }
            byKind.forEach((k, c) -> System.out.printf("fit kind %-36s %4d converged of %4d%n", k, c[1], c[0]));
            String report = String.format(Locale.ROOT, "cells %d%ngenerate_seconds %.2f%naggregate_seconds %.2f%n"
                            + "collapse_seconds %.2f%nfits %d%nfits_converged %d%n"
                            + "collapse_tc %.4f %.4f%ncollapse_nu %.3f %.3f%ncollapse_a %.4f %.4f%n",
                    cells, (t1 - t0) / 1e9, aggregate, collapse, outcome.fits().size(), converged,
                    full[0], sd[0], full[1], sd[1], full[2], sd[2]);
            Files.writeString(dir.resolve("times.txt"), report);
            System.out.print(report);
            // b is planted at every temperature (the D dependence is separable): three of the 100 joint fits
            List<FitResult> joint = outcome.fits().stream().filter(f -> f.kind().equals("joint_data_exponent"))
                    .toList();
            for (int k = 0; k < joint.size(); k += Math.max(1, joint.size() / 3)) {
                FitResult f = joint.get(k);
                System.out.printf(Locale.ROOT, "joint_data_exponent at T = %s: %.4f [%.4f, %.4f] (planted b = %.1f)%n",
                        f.temperature(), f.estimate(), f.ciLow(), f.ciHigh(), B);
            }
        } finally {
            spark.stop();
        }
    }

    /** (T_c, nu, a) of the collapse on replica means; b < 0: all replicas, else a seeded resample. */
    static double[] collapse(double[][][] byWidth, double[] ts, int b) {
        SplittableRandom r = new SplittableRandom(1000L + b);
        List<Collapse.Curve> curves = new ArrayList<>();
        for (int wi = 0; wi < WIDTHS.length; wi++) {
            int[] pick = new int[REPLICAS];
            for (int k = 0; k < REPLICAS; k++) pick[k] = b < 0 ? k : r.nextInt(REPLICAS);
            double[] y = new double[TEMPS];
            double[] e = new double[TEMPS];
            for (int i = 0; i < TEMPS; i++) {
                double s = 0;
                double s2 = 0;
                for (int k : pick) {
                    s += byWidth[wi][i][k];
                    s2 += byWidth[wi][i][k] * byWidth[wi][i][k];
                }
                y[i] = s / REPLICAS;
                e[i] = Math.sqrt(Math.max(0, s2 / REPLICAS - y[i] * y[i]) / (REPLICAS - 1));
            }
            curves.add(new Collapse.Curve(WIDTHS[wi], ts, y, e));
        }
        Collapse.Fit f = Collapse.fit(curves, Collapse.Mode.POWER, new double[] {1.1, 1.5, 0.4});
        return new double[] {f.tc(), f.nu(), f.exponent()};
    }
}
