package org.calorimeter.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.calorimeter.core.cell.CellKey;
import org.calorimeter.core.cell.CellResult;
import org.calorimeter.core.estimator.Estimate;
import org.calorimeter.core.estimator.ReplicaAverage;
import org.calorimeter.core.estimator.TemperatureResponse;
import org.calorimeter.core.fit.Curve;
import org.calorimeter.core.fit.DepthScaling;
import org.calorimeter.core.fit.FitResult;
import org.calorimeter.core.fit.FluctuationResponse;
import org.calorimeter.core.fit.GridScaling;
import org.calorimeter.core.fit.Regimes;
import org.calorimeter.core.fit.Schedule;
import org.calorimeter.core.fit.Scaling;

/**
 * The first aggregation: replica-averaged C(T) curves ({@code curves/}), and from them the peak of each
 * (width, data size) curve and power laws of the peak height against width and data size ({@code fits/}).
 * Only per-cell numbers (a few per cell, never samples) come to the driver; averaging and fitting are core code.
 */
public final class AggregateJob {
    private AggregateJob() {}

    /**
     * What the summary needs: the curves, the fits, counts of cells without estimates, the cells whose status is not
     * ok (first {@link #UNTRUSTED_ROWS} by key), and per (model, width, data size) the reweighted temperatures whose
     * overlap is below the reweighting's minimum (min overlap, lowest and highest such T, count).
     */
    public record Outcome(List<Row> curves, List<FitResult> fits, Map<String, Long> skipped, List<Row> untrusted,
                          long untrustedCount, List<Row> lowOverlap) {
        public Outcome(List<Row> curves, List<FitResult> fits, Map<String, Long> skipped) {
            this(curves, fits, skipped, List.of(), 0, List.of());
        }
    }

    /** Non-ok cells collected for the summary; the rest are counted (all are in cells/). */
    static final int UNTRUSTED_ROWS = 200;

    /** Per-cell numbers of one line, [replica][temperature] on the temperatures every replica has. */
    record LineCells(double[] temperature, double[][] c, double[][] cErr, double[][] energy, double[][] energyErr) {
        Curve curve() {
            return new Curve(temperature, c, cErr);
        }

        /**
         * A temperature enters only where every replica of the line has a usable cell (diverged and failed cells leave
         * a hole), so that the replicas stay paired.
         */
        static LineCells of(Map<Integer, Map<Double, double[]>> byReplica) {
            java.util.TreeSet<Double> common = null;
            for (Map<Double, double[]> r : byReplica.values()) {
                if (common == null) common = new java.util.TreeSet<>(r.keySet());
                else common.retainAll(r.keySet());
            }
            double[] t = common.stream().mapToDouble(Double::doubleValue).toArray();
            int n = byReplica.size();
            double[][][] cols = new double[4][n][];
            int i = 0;
            for (Map<Double, double[]> r : byReplica.values()) {
                for (int k = 0; k < 4; k++) {
                    final int col = k;
                    cols[k][i] = common.stream().mapToDouble(x -> r.get(x)[col]).toArray();
                }
                i++;
            }
            return new LineCells(t, cols[0], cols[1], cols[2], cols[3]);
        }
    }

    /** The {@code curves/} schema (docs/columns.md). */
    static final StructType CURVES = new StructType()
            .add("model", StringType, false)
            .add("width", IntegerType, false)
            .add("depth", IntegerType, false)
            .add("data_size", IntegerType, false)
            .add("temperature", DoubleType, false)
            .add("replicas", IntegerType, false)
            .add("c_mean", DoubleType, false)
            .add("c_err", DoubleType, false)
            .add("c_err_stat", DoubleType, false)
            .add("c_err_replica", DoubleType, true)
            .add("c_resp", DoubleType, true)
            .add("c_resp_err", DoubleType, true)
            .add("fr_z", DoubleType, true)
            .add("fr_flag", BooleanType, true)
            .add("energy_mean", DoubleType, false)
            .add("energy_mean_err", DoubleType, false)
            .add("psi_mean", DoubleType, false)
            .add("psi_mean_err", DoubleType, false)
            .add("chi_mean", DoubleType, false)
            .add("chi_err", DoubleType, false)
            .add("chi_resp", DoubleType, true)
            .add("chi_resp_err", DoubleType, true)
            .add("overlap_mean", DoubleType, false)
            .add("overlap_err", DoubleType, false)
            .add("gen_error_mean", DoubleType, false)
            .add("gen_error_err", DoubleType, false)
            .add("llc_mean", DoubleType, false)
            .add("llc_err", DoubleType, false)
            .add("tau_int_max", DoubleType, false)
            .add("n_unreliable", IntegerType, false)
            .add("kl", DoubleType, true)
            .add("kl_err", DoubleType, true)
            .add("rho_i", DoubleType, true)
            .add("rho_i_err", DoubleType, true)
            .add("fisher_trace", DoubleType, false)
            .add("fisher_trace_err", DoubleType, false)
            .add("fisher_top1", DoubleType, false)
            .add("fisher_top1_err", DoubleType, false)
            .add("fisher_eff_dim", DoubleType, false)
            .add("fisher_eff_dim_err", DoubleType, false)
            .add("config_hash", StringType, false);

    /** The numbers of one usable cell that the aggregation needs. */
    record CellNumbers(int replica, double c, double cErr, double energy, double energyErr, double psi, double psiErr,
                       double chi, double chiErr, double overlap, double overlapErr, double genError,
                       double genErrorErr, double llc, double llcErr, double tauInt, boolean reliable, String hash,
                       int nParams, double fisherTrace, double fisherTraceErr, double fisherTop1, double fisherTop1Err,
                       double effDim, double effDimErr) {
        static final String[] COLUMNS = Keys.cell("c_fluct", "c_fluct_err", "energy_mean", "energy_mean_err",
                "psi_mean", "psi_mean_err", "chi_fluct", "chi_fluct_err", "overlap", "overlap_err", "gen_error",
                "gen_error_err", "llc", "llc_err", "tau_int", "status", "config_hash", "n_params", "fisher_trace",
                "fisher_trace_err", "fisher_top", "fisher_top_err", "fisher_eff_dim", "fisher_eff_dim_err");

        static CellNumbers of(Row r) {
            return new CellNumbers(r.getAs("replica"), r.getAs("c_fluct"), r.getAs("c_fluct_err"),
                    r.getAs("energy_mean"), r.getAs("energy_mean_err"), r.getAs("psi_mean"), r.getAs("psi_mean_err"),
                    r.getAs("chi_fluct"), r.getAs("chi_fluct_err"), r.getAs("overlap"), r.getAs("overlap_err"),
                    r.getAs("gen_error"), r.getAs("gen_error_err"), r.getAs("llc"), r.getAs("llc_err"), r.getAs("tau_int"),
                    CellResult.OK.equals(r.getAs("status")), r.getAs("config_hash"), r.getAs("n_params"),
                    orNaN(r, "fisher_trace"), orNaN(r, "fisher_trace_err"), first(r, "fisher_top"),
                    first(r, "fisher_top_err"), orNaN(r, "fisher_eff_dim"), orNaN(r, "fisher_eff_dim_err"));
        }

        /** A double column, NaN where a row from an older version has none. */
        private static double orNaN(Row r, String column) {
            Double v = r.getAs(column);
            return v == null ? Double.NaN : v;
        }

        /** The first entry of an array column, NaN when it is empty (spin families, fisher_top: 0). */
        private static double first(Row r, String column) {
            scala.collection.Seq<Double> s = r.getAs(column);
            return s == null || s.isEmpty() ? Double.NaN : s.apply(0);
        }
    }

    /** The replica average (ReplicaAverage's error rule) of one per-cell quantity and its error. */
    static Estimate average(List<CellNumbers> cells, java.util.function.ToDoubleFunction<CellNumbers> value,
                            java.util.function.ToDoubleFunction<CellNumbers> error) {
        double[] v = cells.stream().mapToDouble(value).toArray();
        double[] e = cells.stream().mapToDouble(error).toArray();
        return ReplicaAverage.of(v, e);
    }

    /**
     * One row of curves/: the replica average at (model, line, T) of every usable cell there, with the
     * fluctuation-response columns where the line's replicas are paired at T (else null).
     */
    static Row curveRow(String model, Scaling.Line line, double t, List<CellNumbers> cells,
                        FluctuationResponse.Point response, Estimate chiResp, Estimate kl) {
        int n = cells.size();
        double[] c = new double[n];
        double[] ce = new double[n];
        double[] e = new double[n];
        double[] ee = new double[n];
        double tauMax = Double.NEGATIVE_INFINITY;
        int unreliable = 0;
        for (int i = 0; i < n; i++) {
            CellNumbers x = cells.get(i);
            c[i] = x.c();
            ce[i] = x.cErr();
            e[i] = x.energy();
            ee[i] = x.energyErr();
            tauMax = Math.max(tauMax, x.tauInt());
            if (!x.reliable()) unreliable++;
        }
        ReplicaAverage.Parts cp = ReplicaAverage.parts(c, ce);
        ReplicaAverage.Parts ep = ReplicaAverage.parts(e, ee);
        Estimate cm = cp.estimate();
        boolean paired = response != null && !Double.isNaN(response.z());
        Estimate psi = average(cells, CellNumbers::psi, CellNumbers::psiErr);
        Estimate chi = average(cells, CellNumbers::chi, CellNumbers::chiErr);
        Estimate overlap = average(cells, CellNumbers::overlap, CellNumbers::overlapErr);
        Estimate eps = average(cells, CellNumbers::genError, CellNumbers::genErrorErr);
        Estimate llc = average(cells, CellNumbers::llc, CellNumbers::llcErr);
        Estimate trace = average(cells, CellNumbers::fisherTrace, CellNumbers::fisherTraceErr);
        Estimate top1 = average(cells, CellNumbers::fisherTop1, CellNumbers::fisherTop1Err);
        Estimate effDim = average(cells, CellNumbers::effDim, CellNumbers::effDimErr);
        // rho_I = KL(p_T || prior) / d: the information per parameter the posterior holds about the data (nats).
        Estimate rho = kl == null ? null : kl.times(1.0 / cells.get(0).nParams());
        boolean resp = chiResp != null && !Double.isNaN(chiResp.value());
        return RowFactory.create(model, line.width(), CellKey.depth(model), line.dataSize(), t, n, cm.value(),
                cm.error(), cp.stat(),
                Double.isNaN(cp.spread()) ? null : cp.spread(),
                paired ? response.response().value() : null, paired ? response.response().error() : null,
                paired ? response.z() : null, paired ? response.flagged() : null,
                ep.mean(), ep.stat(), psi.value(), psi.error(), chi.value(), chi.error(),
                resp ? chiResp.value() : null, resp ? chiResp.error() : null, overlap.value(), overlap.error(),
                eps.value(), eps.error(), llc.value(), llc.error(), tauMax, unreliable,
                kl == null ? null : kl.value(), kl == null ? null : kl.error(), rho == null ? null : rho.value(),
                rho == null ? null : rho.error(), trace.value(), trace.error(), top1.value(), top1.error(),
                effDim.value(), effDim.error(), cells.get(0).hash());
    }

    /** KL(p_T || prior) along a line ({@link org.calorimeter.core.fit.PriorKl#line}); its fits row goes to rows. */
    static Map<Double, Estimate> priorKl(LineCells paired, String notApplicable, String model, Scaling.Line line,
                                         Map<String, List<FitResult>> rows) {
        org.calorimeter.core.fit.PriorKl.Line kl = org.calorimeter.core.fit.PriorKl.line(paired.temperature(),
                paired.energy(), paired.energyErr(), paired.c(), paired.cErr(), notApplicable, line.width(),
                line.dataSize());
        rows.computeIfAbsent(model, k -> new ArrayList<>()).add(kl.row());
        return kl.byTemperature();
    }

    /** Regimes at the ends of each grid curve, and the temperature of the largest tau_int (critical slowing down). */
    /** A curves/ value by column name (the rows are built without a schema). */
    static Object field(Row r, String name) {
        return r.get(CURVES.fieldIndex(name));
    }

    static List<FitResult> lineFits(String model, List<Row> curveRows) {
        List<FitResult> out = new ArrayList<>();
        Map<Scaling.Line, TreeMap<Double, Row>> byLine = new TreeMap<>();
        for (Row r : curveRows) {
            if (!model.equals(field(r, "model"))) continue;
            byLine.computeIfAbsent(new Scaling.Line((Integer) field(r, "width"), (Integer) field(r, "data_size")), k -> new TreeMap<>())
                    .put((Double) field(r, "temperature"), r);
        }
        for (var e : byLine.entrySet()) {
            int w = e.getKey().width();
            int d = e.getKey().dataSize();
            double[] t = e.getValue().keySet().stream().mapToDouble(Double::doubleValue).toArray();
            double[] c = e.getValue().values().stream().mapToDouble(r -> ((Double) field(r, "c_mean"))).toArray();
            double[] err = e.getValue().values().stream().mapToDouble(r -> ((Double) field(r, "c_err"))).toArray();
            out.addAll(Regimes.ends(t, c, err, w, d));
            double[] tau = e.getValue().values().stream().mapToDouble(r -> ((Double) field(r, "tau_int_max"))).toArray();
            out.add(Regimes.slowingDown(t, tau, w, d));
        }
        return out;
    }

    /**
     * The depth rows of each family ({@link DepthScaling}): the models of one family at different depths (model
     * columns {@code mlp}, {@code mlp-depth2}, ...) compared at every (N, D, T) all of them have; one depth says why not.
     */
    static Map<String, List<FitResult>> depthFits(Map<String, Map<Scaling.Line, Map<Double, Map<Integer, CellNumbers>>>>
                                                          byModel, long seed) {
        Map<String, TreeMap<Integer, String>> families = new TreeMap<>();
        for (String model : byModel.keySet()) {
            families.computeIfAbsent(CellKey.family(model), k -> new TreeMap<>()).put(CellKey.depth(model), model);
        }
        Map<String, List<FitResult>> out = new TreeMap<>();
        for (var f : families.entrySet()) {
            TreeMap<Integer, String> byDepth = f.getValue();
            if (byDepth.size() < 2) {
                out.put(f.getKey(), List.of(FitResult.failed("depth_scaling", null, null, 0, "d* against ln C across "
                        + "depths", FitResult.NOT_APPLICABLE + "one depth on the grid (" + byDepth.firstKey()
                        + " hidden layer" + (byDepth.firstKey() == 1 ? "" : "s") + "): list several in grid.depth")));
                continue;
            }
            int[] depths = byDepth.keySet().stream().mapToInt(Integer::intValue).toArray();
            var first = byModel.get(byDepth.firstEntry().getValue());
            int replicas = 0;
            for (String model : byDepth.values()) {
                for (var line : byModel.get(model).values()) {
                    for (var reps : line.values()) for (int r : reps.keySet()) replicas = Math.max(replicas, r + 1);
                }
            }
            List<DepthScaling.Point> points = new ArrayList<>();
            for (var line : first.entrySet()) {
                for (double t : line.getValue().keySet()) {
                    double[][] c = new double[depths.length][replicas];
                    boolean everywhere = true;
                    int i = 0;
                    for (String model : byDepth.values()) {
                        Arrays.fill(c[i], Double.NaN);
                        var reps = byModel.get(model).getOrDefault(line.getKey(), Map.of()).get(t);
                        if (reps == null) everywhere = false;
                        else for (var x : reps.entrySet()) c[i][x.getKey()] = x.getValue().c();
                        i++;
                    }
                    if (everywhere) {
                        points.add(new DepthScaling.Point(line.getKey().width(), line.getKey().dataSize(), t, c));
                    }
                }
            }
            out.put(f.getKey(), DepthScaling.fit(depths, points, replicas,
                    org.calorimeter.core.rng.Seeds.derive(seed, "depth")));
        }
        return out;
    }

    /** Data scaling, the joint (N, D) fit and the capacity-optimal width at every temperature of the grid. */
    static List<FitResult> gridFits(Map<Scaling.Line, Map<Double, Map<Integer, CellNumbers>>> lines, long seed) {
        java.util.TreeSet<Integer> widths = new java.util.TreeSet<>();
        java.util.TreeSet<Integer> sizes = new java.util.TreeSet<>();
        java.util.TreeSet<Double> temps = new java.util.TreeSet<>();
        java.util.TreeSet<Integer> replicas = new java.util.TreeSet<>();
        lines.forEach((l, byT) -> {
            widths.add(l.width());
            sizes.add(l.dataSize());
            byT.forEach((t, reps) -> {
                temps.add(t);
                replicas.addAll(reps.keySet());
            });
        });
        int[] w = widths.stream().mapToInt(Integer::intValue).toArray();
        int[] d = sizes.stream().mapToInt(Integer::intValue).toArray();
        List<Integer> reps = new ArrayList<>(replicas);
        List<FitResult> out = new ArrayList<>();
        for (double t : temps) {
            double[][][] c = new double[reps.size()][w.length][d.length];
            double[][][] e = new double[reps.size()][w.length][d.length];
            for (int r = 0; r < reps.size(); r++) {
                for (int i = 0; i < w.length; i++) {
                    for (int j = 0; j < d.length; j++) {
                        CellNumbers x = null;
                        var byT = lines.get(new Scaling.Line(w[i], d[j]));
                        if (byT != null && byT.get(t) != null) x = byT.get(t).get(reps.get(r));
                        c[r][i][j] = x == null ? Double.NaN : x.c();
                        e[r][i][j] = x == null ? Double.NaN : x.cErr();
                    }
                }
            }
            out.addAll(GridScaling.fit(w, d, t, c, e, org.calorimeter.core.rng.Seeds.derive(seed, "grid",
                    org.calorimeter.core.rng.Seeds.key(t))));
        }
        return out;
    }

    static final StructType SCHEDULE = new StructType()
            .add("model", StringType, false)
            .add("width", IntegerType, false)
            .add("data_size", IntegerType, false)
            .add("step", IntegerType, false)
            .add("progress", DoubleType, false)
            .add("temperature", DoubleType, false)
            .add("config_hash", StringType, false);

    /** Steps of the constant-thermodynamic-speed schedule per line. */
    static final int SCHEDULE_STEPS = 50;

    static void writeSchedules(SparkSession spark, OutputDir out, List<Row> curveRows, String hash) {
        Map<String, TreeMap<Double, Double>> byLine = new TreeMap<>();
        for (Row r : curveRows) {
            String key = field(r, "model") + "|" + field(r, "width") + "|" + field(r, "data_size");
            byLine.computeIfAbsent(key, k -> new TreeMap<>()).put((Double) field(r, "temperature"), (Double) field(r, "c_mean"));
        }
        List<Row> rows = new ArrayList<>();
        for (var e : byLine.entrySet()) {
            if (e.getValue().size() < 2) continue;
            String[] k = e.getKey().split("\\|");
            double[] t = e.getValue().keySet().stream().mapToDouble(Double::doubleValue).toArray();
            double[] c = e.getValue().values().stream().mapToDouble(Double::doubleValue).toArray();
            for (double[] p : Schedule.of(t, c, SCHEDULE_STEPS)) {
                rows.add(RowFactory.create(k[0], Integer.parseInt(k[1]), Integer.parseInt(k[2]), (int) p[0], p[1], p[2],
                        hash));
            }
        }
        spark.createDataFrame(rows, SCHEDULE).coalesce(1).write().mode("overwrite").parquet(out.schedule().toString());
    }

    public static Outcome run(SparkSession spark, OutputDir out) {
        Dataset<Row> cells = Keys.read(spark, out.cells());
        Map<String, Long> skipped = new TreeMap<>();
        for (Row r : cells.filter(col("status").isin(CellResult.DIVERGED, CellResult.FAILED, CellResult.STUCK))
                .groupBy("status").count().collectAsList()) {
            skipped.put(r.getString(0), r.getLong(1));
        }
        // Per-cell numbers, [model][line][temperature][replica], collected once.
        Map<String, Map<Scaling.Line, Map<Double, Map<Integer, CellNumbers>>>> byModel = new TreeMap<>();
        // Curves average replicas at the grid temperatures; ladder points (each line's own) feed only the reweighting.
        for (Row r : cells.filter(col("status").isin(CellResult.OK, CellResult.SHORT_CHAIN, CellResult.UNMIXED)
                        .and(col("ladder").equalTo(false)))
                .selectExpr(CellNumbers.COLUMNS).collectAsList()) {
            CellNumbers x = CellNumbers.of(r);
            byModel.computeIfAbsent(r.getAs("model"), k -> new TreeMap<>())
                    .computeIfAbsent(new Scaling.Line(r.getAs("width"), r.getAs("data_size")), k -> new TreeMap<>())
                    .computeIfAbsent(r.getAs("temperature"), k -> new TreeMap<>())
                    .put(x.replica(), x);
        }
        Map<String, Map<Scaling.Line, LineCells>> lines = new TreeMap<>();
        List<Row> curveRows = new ArrayList<>();
        // KL(p_T || prior) needs a normalisable prior: a Gaussian one, or spins (uniform over configurations).
        org.calorimeter.core.config.SweepConfig cfg = java.nio.file.Files.isRegularFile(out.config())
                ? org.calorimeter.core.config.ConfigLoader.load(out.config()) : null;
        String klApplies = cfg != null && cfg.prior().flat() && !cfg.model().family().spins()
                ? "the prior is flat (improper): KL(p_T || prior) is not defined; give prior.sigma" : null;
        Map<String, List<FitResult>> klRows = new TreeMap<>();
        for (var model : byModel.entrySet()) {
            for (var line : model.getValue().entrySet()) {
                Map<Integer, Map<Double, double[]>> byReplica = new TreeMap<>();
                line.getValue().forEach((t, reps) -> reps.forEach((r, x) -> byReplica
                        .computeIfAbsent(r, k -> new TreeMap<>())
                        .put(t, new double[] {x.c(), x.cErr(), x.energy(), x.energyErr()})));
                LineCells paired = LineCells.of(byReplica);
                lines.computeIfAbsent(model.getKey(), k -> new TreeMap<>()).put(line.getKey(), paired);
                Map<Double, FluctuationResponse.Point> response = new TreeMap<>();
                for (FluctuationResponse.Point p : FluctuationResponse.of(paired.temperature(), paired.energy(),
                        paired.energyErr(), paired.c(), paired.cErr())) {
                    response.put(p.temperature(), p);
                }
                // chi = d psi / dT along the line, from the replica-averaged psi at every temperature of the line.
                double[] ts = line.getValue().keySet().stream().mapToDouble(Double::doubleValue).toArray();
                double[] psi = new double[ts.length];
                double[] psiErr = new double[ts.length];
                int i = 0;
                for (Map<Integer, CellNumbers> reps : line.getValue().values()) {
                    Estimate p = average(new ArrayList<>(reps.values()), CellNumbers::psi, CellNumbers::psiErr);
                    psi[i] = p.value();
                    psiErr[i++] = p.error();
                }
                Estimate[] chiResp = TemperatureResponse.of(ts, psi, psiErr);
                Map<Double, Estimate> kl = priorKl(paired, klApplies, model.getKey(), line.getKey(), klRows);
                int[] index = {0};
                line.getValue().forEach((t, reps) -> curveRows.add(curveRow(model.getKey(), line.getKey(), t,
                        new ArrayList<>(reps.values()), response.get(t), chiResp[index[0]++], kl.get(t))));
            }
        }
        spark.createDataFrame(curveRows, CURVES).coalesce(1).write().mode("overwrite")
                .parquet(out.curves().toString());

        List<FitResult> fits = new ArrayList<>();
        List<Row> fitRows = new ArrayList<>();
        String first = out.firstConfigHash();
        if (first == null) first = curveRows.isEmpty() ? "" : curveRows.get(0).getString(CURVES.fieldIndex("config_hash"));
        // Bootstrap seeds stay those of the first pass (run.json's config_hash; a refine pass's new cells must not
        // move them); the rows carry the hash of the config that made them (after refine, the widened config.yaml,
        // which configs/HASH.yaml keeps) and the seed itself.
        long seed = first.isEmpty() ? 0L : Long.parseUnsignedLong(first, 16);
        String hash = cfg != null ? cfg.hash() : first;
        for (var model : lines.entrySet()) {
            Map<Scaling.Line, Curve> curvesOfModel = new TreeMap<>();
            model.getValue().forEach((line, c) -> curvesOfModel.put(line, c.curve()));
            List<FitResult> more = new ArrayList<>(Scaling.fit(curvesOfModel, seed));
            more.addAll(lineFits(model.getKey(), curveRows));
            more.addAll(klRows.getOrDefault(model.getKey(), List.of()));
            more.addAll(gridFits(byModel.get(model.getKey()), seed));
            for (FitResult f : more) {
                fits.add(f);
                fitRows.add(FitRows.toRow(f, model.getKey(), hash, seed));
            }
        }
        for (var family : depthFits(byModel, seed).entrySet()) {
            for (FitResult f : family.getValue()) {
                fits.add(f);
                fitRows.add(FitRows.toRow(f, family.getKey(), hash, seed));
            }
        }
        writeSchedules(spark, out, curveRows, hash);
        for (ReweightJob.ModelFit mf : ReweightJob.run(spark, out, hash, seed)) {
            fits.add(mf.fit());
            fitRows.add(FitRows.toRow(mf.fit(), mf.model(), hash, seed));
        }
        spark.createDataFrame(fitRows, FitRows.SCHEMA).coalesce(1).write().mode("overwrite")
                .parquet(out.fits().toString());
        // Rows with their schema, so that the summary can read them by column name.
        Dataset<Row> notOk = cells.filter(col("status").notEqual(CellResult.OK));
        List<Row> untrusted = notOk.selectExpr(Keys.line("temperature", "ladder", "status", "message"))
                .sort(java.util.Arrays.stream(Keys.line("temperature")).map(functions::col).toArray(
                        org.apache.spark.sql.Column[]::new)).limit(UNTRUSTED_ROWS).collectAsList();
        List<Row> lowOverlap = spark.read().parquet(out.reweighted().toString()).filter(col("reliable").equalTo(false))
                .groupBy("model", "width", "data_size")
                .agg(functions.min("overlap").as("overlap"), functions.min("temperature").as("t_low"),
                        functions.max("temperature").as("t_high"), functions.count("*").as("n"))
                .orderBy("model", "width", "data_size").collectAsList();
        return new Outcome(spark.createDataFrame(curveRows, CURVES).collectAsList(), fits, skipped, untrusted,
                notOk.count(), lowOverlap);
    }
}
