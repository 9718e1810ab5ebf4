package org.calorimeter.jobs;

import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.calorimeter.core.anneal.Annealing;
import org.calorimeter.core.cell.CellKey;
import org.calorimeter.core.config.Family;
import org.calorimeter.core.config.SweepConfig;
import org.calorimeter.core.exact.Reference;
import org.calorimeter.core.model.Dataset;
import org.calorimeter.core.model.Model;
import org.calorimeter.core.model.Prior;
import org.calorimeter.core.model.SpinModel;
import org.calorimeter.core.model.TeacherStudentData;
import org.calorimeter.core.rng.Seeds;

/**
 * {@code anneal}: from a finished run's schedule/, fresh chains annealed from its highest to its lowest temperature in S
 * steps along three schedules (core.anneal.Annealing), M chains each, one Spark task per (line, schedule, budget). Chain
 * c anneals replica c mod R's data set, so the chains' mean compares with the replica-averaged equilibrium energy at the
 * lowest temperature (curves/, or the exact value where Reference has one). Writes anneal/ and report/anneal.html.
 */
final class AnnealJob {
    private AnnealJob() {}

    /** Test examples beyond the training set for the generalisation error (per example, 1/2 (y - f)^2). */
    static final int TEST_EXAMPLES = 1000;

    static final StructType ANNEAL = new StructType()
            .add("model", StringType, false)
            .add("width", IntegerType, false)
            .add("data_size", IntegerType, false)
            .add("schedule", StringType, false)
            .add("budget", IntegerType, false)
            .add("chains", IntegerType, false)
            .add("t_high", DoubleType, false)
            .add("t_low", DoubleType, false)
            .add("final_energy", DoubleType, false)
            .add("final_energy_err", DoubleType, false)
            .add("equilibrium_energy", DoubleType, false)
            .add("equilibrium_energy_err", DoubleType, false)
            .add("dissipation", DoubleType, false)
            .add("dissipation_err", DoubleType, false)
            .add("gen_error", DoubleType, false)
            .add("gen_error_err", DoubleType, false)
            .add("equilibrium_source", StringType, false)
            .add("config_hash", StringType, false);

    /** One task: a line of the run, a schedule and a budget. */
    record Task(String model, int width, int dataSize, Annealing.Kind kind, int budget, double[][] speed,
                double[][] steps) implements Serializable {}

    static List<Row> run(SparkSession spark, OutputDir out, SweepConfig config, int[] budgets, int chains) {
        Map<String, List<double[]>> speed = new TreeMap<>();
        for (Row r : spark.read().parquet(out.schedule().toString())
                .select("model", "width", "data_size", "step", "progress", "temperature").orderBy("model", "width",
                        "data_size", "step").collectAsList()) {
            speed.computeIfAbsent(r.getString(0) + "|" + r.getInt(1) + "|" + r.getInt(2), k -> new ArrayList<>())
                    .add(new double[] {r.getInt(3), r.getDouble(4), r.getDouble(5)});
        }
        // The run's adapted step sizes per line and grid temperature (median over replicas), for the MALA steps.
        Map<String, TreeMap<Double, Double>> steps = new TreeMap<>();
        for (Row r : Keys.read(spark, out.cells()).filter("ladder = false and status = 'ok'")
                .groupBy("model", "width", "data_size", "temperature")
                .agg(org.apache.spark.sql.functions.expr("percentile(step_size, 0.5)")).collectAsList()) {
            steps.computeIfAbsent(r.getString(0) + "|" + r.getInt(1) + "|" + r.getInt(2), k -> new TreeMap<>())
                    .put(r.getDouble(3), malaStep(config, r.getDouble(4)));
        }
        List<Task> tasks = new ArrayList<>();
        for (var e : speed.entrySet()) {
            String[] k = e.getKey().split("\\|");
            double[][] table = e.getValue().toArray(new double[0][]);
            if (Double.isNaN(table[0][2])) continue;
            TreeMap<Double, Double> h = steps.getOrDefault(e.getKey(), new TreeMap<>());
            double[][] hs = h.entrySet().stream().map(x -> new double[] {x.getKey(), x.getValue()})
                    .toArray(double[][]::new);
            for (Annealing.Kind kind : Annealing.Kind.values()) {
                for (int b : budgets) tasks.add(new Task(k[0], Integer.parseInt(k[1]), Integer.parseInt(k[2]), kind, b,
                        table, hs));
            }
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<double[][]> results = jsc.parallelize(tasks, Math.max(1, tasks.size()))
                .map(t -> anneal(config, t, chains)).collect();
        Map<String, TreeMap<Double, double[]>> equilibrium = new TreeMap<>();
        for (Row r : spark.read().parquet(out.curves().toString()).select("model", "width", "data_size", "temperature",
                "energy_mean", "energy_mean_err").collectAsList()) {
            equilibrium.computeIfAbsent(r.getString(0) + "|" + r.getInt(1) + "|" + r.getInt(2), k -> new TreeMap<>())
                    .put(r.getDouble(3), new double[] {r.getDouble(4), r.getDouble(5)});
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            Task t = tasks.get(i);
            double[][] per = results.get(i);   // [chain] {E_final, gen error}
            double tLow = t.speed()[t.speed().length - 1][2];
            double tHigh = t.speed()[0][2];
            double[] eq = at(equilibrium.get(t.model() + "|" + t.width() + "|" + t.dataSize()), tLow);
            String source = "curves/ energy_mean at the lowest temperature";
            for (Reference.Value v : Reference.of(config, t.width(), t.dataSize(), tLow)) {
                if (v.quantity().equals("energy") && CellKey.depth(t.model()) == 1) {
                    eq = new double[] {v.exact(), 0.0};
                    source = "exact: " + v.source();
                }
            }
            if (eq == null) eq = new double[] {Double.NaN, Double.NaN};
            double[] e = meanErr(per, 0);
            double[] g = meanErr(per, 1);
            rows.add(RowFactory.create(t.model(), t.width(), t.dataSize(), t.kind().key(), t.budget(), per.length,
                    tHigh, tLow, e[0], e[1], eq[0], eq[1], e[0] - eq[0], Math.hypot(e[1], eq[1]), g[0], g[1], source,
                    config.hash()));
        }
        spark.createDataFrame(rows, ANNEAL).coalesce(1).write().mode("overwrite").parquet(out.anneal().toString());
        return rows;
    }

    /** The curve point at T (the schedule's end is the grid's lowest T to rounding), or null. */
    static double[] at(TreeMap<Double, double[]> curve, double t) {
        if (curve == null || curve.isEmpty()) return null;
        Map.Entry<Double, double[]> lo = curve.floorEntry(t);
        Map.Entry<Double, double[]> hi = curve.ceilingEntry(t);
        Map.Entry<Double, double[]> near = lo == null ? hi : hi == null ? lo
                : t - lo.getKey() <= hi.getKey() - t ? lo : hi;
        return Math.abs(near.getKey() / t - 1) < 1e-9 ? near.getValue() : null;
    }

    /** M chains of one task: {final E, generalisation error} each. */
    static double[][] anneal(SweepConfig config, Task t, int chains) {
        double[] temps = Annealing.temperatures(t.kind(), t.budget(), t.speed());
        double[][] out = new double[chains][];
        int replicas = config.grid().replicas();
        int depth = CellKey.depth(t.model());
        // One model (and test set) per replica, shared by its chains in turn: they run one after the other here.
        SpinModel[] spins = new SpinModel[replicas];
        Model[][] continuous = new Model[replicas][];
        for (int c = 0; c < chains; c++) {
            int replica = c % replicas;
            SplittableRandom rng = new SplittableRandom(Seeds.derive(config.seed(), "anneal", t.width(), t.dataSize(),
                    t.kind().ordinal(), t.budget(), c, depth));
            if (config.model().family().spins()) {
                if (spins[replica] == null) {
                    spins[replica] = org.calorimeter.core.cell.LineRunner.spinModel(config,
                            new CellKey(t.width(), depth, t.dataSize(), temps[0], replica).line());
                }
                out[c] = new double[] {Annealing.spins(spins[replica], temps, rng), Double.NaN};
            } else {
                if (continuous[replica] == null) {
                    Dataset all = TeacherStudentData.generate(config.seed(), replica, config.model(),
                            t.dataSize() + TEST_EXAMPLES);
                    continuous[replica] = new Model[] {
                        TeacherStudentData.student(config.model().withDepth(depth), t.width(), all.prefix(t.dataSize())),
                        TeacherStudentData.student(config.model().withDepth(depth), t.width(), suffix(all, t.dataSize()))};
                }
                Model model = continuous[replica][0];
                double[] theta = Annealing.continuous(model, new Prior(config.prior()), config.prior().sigma(), temps,
                        temp -> stepAt(t.steps(), temp), rng);
                out[c] = new double[] {model.energy(theta), continuous[replica][1].energy(theta) / TEST_EXAMPLES};
            }
        }
        return out;
    }

    /**
     * The MALA step equivalent to a run's adapted step: MALA's own; HMC's leapfrog eps is one MALA step of h = eps^2/2;
     * automatic SGLD ran at a fixed fraction of the MALA step it adapted.
     */
    static double malaStep(SweepConfig config, double step) {
        return switch (config.sampler().kind()) {
            case HMC -> step * step / 2;
            case SGLD -> config.sampler().autoStep() ? step / org.calorimeter.core.cell.CellRunner.SGLD_AUTO_FRACTION
                    : step;
            default -> step;
        };
    }

    /** The run's step size at T: geometric interpolation in log T between its grid temperatures, clamped at the ends. */
    static double stepAt(double[][] steps, double t) {
        if (steps.length == 0) throw new IllegalStateException("no ok cells to take step sizes from");
        if (t <= steps[0][0]) return steps[0][1];
        for (int i = 1; i < steps.length; i++) {
            if (t <= steps[i][0]) {
                double f = Math.log(t / steps[i - 1][0]) / Math.log(steps[i][0] / steps[i - 1][0]);
                return Math.exp(Math.log(steps[i - 1][1]) + f * Math.log(steps[i][1] / steps[i - 1][1]));
            }
        }
        return steps[steps.length - 1][1];
    }

    /** The examples of {@code all} from index {@code from} on. */
    static Dataset suffix(Dataset all, int from) {
        int n = all.inputDim();
        int size = all.size() - from;
        double[] x = java.util.Arrays.copyOfRange(all.inputs(), from * n, all.size() * n);
        double[] y = java.util.Arrays.copyOfRange(all.labels(), from, all.size());
        return new Dataset(size, n, x, y);
    }

    /** {mean, standard error} of column j over the chains. */
    static double[] meanErr(double[][] per, int j) {
        double m = 0;
        for (double[] p : per) m += p[j] / per.length;
        double v = 0;
        for (double[] p : per) v += (p[j] - m) * (p[j] - m) / Math.max(1, per.length - 1);
        return new double[] {m, Math.sqrt(v / per.length)};
    }

    /** The table, one block per line: schedules by budget, with dissipation and its error, and the ranking. */
    static void print(java.io.PrintStream o, List<Row> rows) {
        Map<String, Map<Integer, List<Row>>> byLine = new TreeMap<>();
        for (Row r : rows) {
            byLine.computeIfAbsent(r.getString(0) + " N=" + r.getInt(1) + " D=" + r.getInt(2), k -> new TreeMap<>())
                    .computeIfAbsent(r.getInt(4), k -> new ArrayList<>()).add(r);
        }
        for (var line : byLine.entrySet()) {
            Row any = line.getValue().values().iterator().next().get(0);
            o.printf(Locale.ROOT, "%s: anneal T %.4g -> %.4g, %d chains; <E>_eq(T_low) = %.5g +- %.2g (%s)%n",
                    line.getKey(), any.getDouble(6), any.getDouble(7), any.getInt(5), any.getDouble(10),
                    any.getDouble(11), any.getString(16));
            o.printf(Locale.ROOT, "  %8s | %-38s | %-38s | %-38s | ranking (least dissipation first)%n", "S",
                    "speed: dissipation (generalisation error)", "geometric", "linear");
            for (var b : line.getValue().entrySet()) {
                Map<String, Row> byKind = new TreeMap<>();
                for (Row r : b.getValue()) byKind.put(r.getString(3), r);
                StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "  %8d", b.getKey()));
                for (String k : new String[] {"speed", "geometric", "linear"}) {
                    Row r = byKind.get(k);
                    String gen = r == null || Double.isNaN(r.getDouble(14)) ? "" : String.format(Locale.ROOT,
                            " (gen %.3g +- %.1g)", r.getDouble(14), r.getDouble(15));
                    s.append(String.format(Locale.ROOT, " | %-38s", r == null ? "" : String.format(Locale.ROOT,
                            "%.4g +- %.2g", r.getDouble(12), r.getDouble(13)) + gen));
                }
                s.append(" | ").append(ranking(new ArrayList<>(byKind.values())));
                o.println(s);
            }
        }
    }

    /** The schedules by dissipation, with "<" where the next is larger by more than 2 combined errors, else "~". */
    static String ranking(List<Row> rows) {
        rows.sort((a, b) -> Double.compare(a.getDouble(12), b.getDouble(12)));
        StringBuilder s = new StringBuilder(rows.get(0).getString(3));
        for (int i = 1; i < rows.size(); i++) {
            Row a = rows.get(i - 1);
            Row b = rows.get(i);
            boolean apart = b.getDouble(12) - a.getDouble(12) > 2 * Math.hypot(a.getDouble(13), b.getDouble(13));
            s.append(apart ? " < " : " ~ ").append(b.getString(3));
        }
        return s.toString();
    }

    /**
     * report/anneal.html: the table and, per line (the first 8), dissipation against the budget S on log-log axes with
     * error bars, one series per schedule.
     */
    static java.nio.file.Path page(OutputDir out, List<Row> rows) throws java.io.IOException {
        java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
        print(new java.io.PrintStream(text, true, java.nio.charset.StandardCharsets.UTF_8), rows);
        StringBuilder html = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>Annealing"
                + "</title></head><body style=\"font-family:sans-serif\"><h1>Annealing schedules at equal budget</h1>"
                + "<p>Dissipation = &lt;E&gt; at the end of the anneal minus the equilibrium &lt;E&gt; at the lowest "
                + "temperature, mean over the chains with its standard error (anneal/ holds every number).</p><pre>")
                .append(Report.escape(text.toString(java.nio.charset.StandardCharsets.UTF_8))).append("</pre>");
        Map<String, Map<String, org.jfree.data.xy.XYIntervalSeries>> byLine = new TreeMap<>();
        for (Row r : rows) {
            double d = r.getDouble(12);
            double e = r.getDouble(13);
            if (!(d > 0)) continue;   // a log axis shows positive dissipation only
            byLine.computeIfAbsent(r.getString(0) + " N=" + r.getInt(1) + " D=" + r.getInt(2), k -> new TreeMap<>())
                    .computeIfAbsent(r.getString(3), org.jfree.data.xy.XYIntervalSeries::new)
                    .add(r.getInt(4), r.getInt(4), r.getInt(4), d, Math.max(d - e, d * 1e-3), d + e);
        }
        int shown = 0;
        for (var line : byLine.entrySet()) {
            if (shown++ == 8) break;
            org.jfree.data.xy.XYIntervalSeriesCollection data = new org.jfree.data.xy.XYIntervalSeriesCollection();
            line.getValue().values().forEach(data::addSeries);
            org.jfree.chart.JFreeChart chart = org.jfree.chart.ChartFactory.createXYLineChart(line.getKey(),
                    "budget S (steps)", "dissipation", data, org.jfree.chart.plot.PlotOrientation.VERTICAL, true,
                    false, false);
            org.jfree.chart.renderer.xy.XYErrorRenderer r = new org.jfree.chart.renderer.xy.XYErrorRenderer();
            r.setDrawXError(false);
            r.setDefaultLinesVisible(true);
            chart.getXYPlot().setRenderer(r);
            Report.colour(r, data.getSeriesCount());
            chart.getXYPlot().setDomainAxis(new org.jfree.chart.axis.LogAxis("budget S (steps)"));
            chart.getXYPlot().setRangeAxis(new org.jfree.chart.axis.LogAxis("dissipation"));
            Report.white(chart);
            html.append(Report.svg(chart));
        }
        html.append("</body></html>\n");
        java.nio.file.Path dir = out.root().resolve("report");
        java.nio.file.Files.createDirectories(dir);
        java.nio.file.Path page = dir.resolve("anneal.html");
        java.nio.file.Files.writeString(page, html.toString());
        return page;
    }
}
