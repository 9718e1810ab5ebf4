package org.calorimeter.jobs;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.calorimeter.core.config.SweepConfig;
import org.calorimeter.core.exact.Reference;
import org.calorimeter.core.fit.FitResult;

/** The readable summary printed after aggregation: C(T) table, peaks, power laws. */
public final class Summary {
    private Summary() {}

    public static void print(PrintStream out, AggregateJob.Outcome outcome) {
        print(out, outcome, null);
    }

    /** With the sweep's config, points of calibration systems are also compared with their exact answers. */
    public static void print(PrintStream out, AggregateJob.Outcome outcome, SweepConfig config) {
        TreeSet<Double> temps = new TreeSet<>();
        Map<String, Map<Double, Row>> lines = new TreeMap<>();
        for (Row r : outcome.curves()) {
            double t = r.getAs("temperature");
            temps.add(t);
            String key = String.format(Locale.ROOT, "%-7s %6d %6d", r.<String>getAs("model"), r.<Integer>getAs("width"),
                    r.<Integer>getAs("data_size"));
            lines.computeIfAbsent(key, k -> new TreeMap<>()).put(t, r);
        }
        out.println();
        out.println("C(T) = Var(E)/T^2, replica average +- error (cells with status ok, short_chain or unmixed; "
                + "* marks a point with a short_chain or unmixed cell, ! one where Var(E)/T^2 and d<E>/dT disagree, "
                + "|z| > 3)");
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-7s %6s %6s |", "model", "N", "D"));
        for (double t : temps) head.append(String.format(Locale.ROOT, " %14s", "T=" + fmt(t)));
        out.println(head);
        for (Map.Entry<String, Map<Double, Row>> line : lines.entrySet()) {
            StringBuilder b = new StringBuilder(line.getKey()).append(" |");
            for (double t : temps) {
                Row r = line.getValue().get(t);
                if (r == null) {
                    b.append(String.format(Locale.ROOT, " %14s", "-"));
                    continue;
                }
                String mark = (r.<Integer>getAs("n_unreliable") > 0 ? "*" : "") + (flagged(r) ? "!" : "");
                b.append(String.format(Locale.ROOT, " %12s%-2s",
                        fmt(r.<Double>getAs("c_mean")) + "+-" + fmt(r.<Double>getAs("c_err")), mark));
            }
            out.println(b);
        }
        long compared = outcome.curves().stream().filter(r -> r.getAs("fr_z") != null
                && !Double.isNaN(r.<Double>getAs("fr_z"))).count();
        long flagged = outcome.curves().stream().filter(Summary::flagged).count();
        out.printf(Locale.ROOT, "Fluctuation-response check: %d of %d interior points disagree beyond 3 standard errors%s%n",
                flagged, compared, flagged > 0 ? " (marked !): those chains are not sampling p_T well" : "");
        untrusted(out, outcome);
        out.println();
        out.println("Peaks of C(T) per line (95% intervals)");
        out.println(String.format(Locale.ROOT, "%6s %6s | %-28s | %-28s | %s", "N", "D", "T_peak", "C_peak", "note"));
        Map<String, FitResult[]> peaks = new TreeMap<>();
        List<FitResult> laws = new ArrayList<>();
        for (FitResult f : outcome.fits()) {
            if (f.kind().equals("peak_temperature") || f.kind().equals("peak_height")) {
                String key = String.format(Locale.ROOT, "%6d %6d", f.width(), f.dataSize());
                FitResult[] pair = peaks.computeIfAbsent(key, k -> new FitResult[2]);
                pair[f.kind().equals("peak_temperature") ? 0 : 1] = f;
            } else {
                laws.add(f);
            }
        }
        for (Map.Entry<String, FitResult[]> p : peaks.entrySet()) {
            FitResult t = p.getValue()[0];
            FitResult h = p.getValue()[1];
            out.println(String.format(Locale.ROOT, "%s | %-28s | %-28s | %s", p.getKey(), interval(t), interval(h),
                    t.converged() ? "" : t.message()));
        }
        out.println();
        out.println("Other fits: power laws, reweighted peaks, size scaling (95% intervals)");
        out.println(String.format(Locale.ROOT, "%-30s %14s | %-30s | %8s | %s", "fit", "at", "estimate", "chi2/dof",
                "note"));
        for (FitResult f : laws) {
            String at = (f.width() != null ? "N=" + f.width() : "")
                    + (f.dataSize() != null ? (f.width() != null ? " " : "") + "D=" + f.dataSize() : "")
                    + (f.temperature() != null ? " T=" + fmt(f.temperature()) : "");
            String failed = f.kind().equals("reweighting") ? "not reliable: " : "not fitted: ";
            out.println(String.format(Locale.ROOT, "%-30s %14s | %-30s | %8s | %s", f.kind(), at, interval(f),
                    fmt(f.chi2Dof()), f.converged() ? f.message() : failed + f.message()));
        }
        if (config != null) calibration(out, outcome, config);
        if (!outcome.skipped().isEmpty()) {
            out.println();
            out.println("Skipped by the aggregation (no estimates): " + outcome.skipped()
                    + "; see the status and message columns of cells/");
        }
    }

    /** Lines the summary names one by one; the rest are counted. */
    static final int NAMED_LINES = 12;

    /** The lines with cells that are not ok (status, where, why) and the reweighting's low-overlap stretches. */
    static void untrusted(PrintStream out, AggregateJob.Outcome outcome) {
        if (outcome.untrustedCount() == 0) {
            out.println("Every cell is ok (no short_chain, unmixed, diverged or failed status).");
        } else {
            Map<String, List<Row>> byLine = new TreeMap<>();
            for (Row r : outcome.untrusted()) {
                String key = String.format(Locale.ROOT, "%s N=%d D=%d replica %d", r.<String>getAs("model"),
                        r.<Integer>getAs("width"), r.<Integer>getAs("data_size"), r.<Integer>getAs("replica"));
                byLine.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
            }
            out.printf(Locale.ROOT, "Cells not ok: %d, on %s%d lines (their status and message columns in cells/):%n",
                    outcome.untrustedCount(), outcome.untrustedCount() > outcome.untrusted().size() ? "at least " : "",
                    byLine.size());
            int shown = 0;
            for (Map.Entry<String, List<Row>> e : byLine.entrySet()) {
                if (shown++ == NAMED_LINES) {
                    out.printf(Locale.ROOT, "  ... and %d more lines%n", byLine.size() - NAMED_LINES);
                    break;
                }
                StringBuilder where = new StringBuilder();
                for (Row r : e.getValue()) {
                    if (where.length() > 0) where.append(", ");
                    where.append(r.<String>getAs("status")).append(" at T = ").append(fmt(r.<Double>getAs("temperature")))
                            .append(r.<Boolean>getAs("ladder") ? " (ladder)" : "");
                }
                out.printf(Locale.ROOT, "  %s: %s; %s%n", e.getKey(), where, e.getValue().get(0).<String>getAs("message"));
            }
        }
        if (outcome.lowOverlap().isEmpty()) return;
        for (Row r : outcome.lowOverlap()) {
            out.printf(Locale.ROOT, "Reweighting rests on few samples for %s N=%d D=%d: %d temperatures in [%s, %s] have "
                            + "overlap below %s (lowest %s); add temperatures there or use exchange.ladder: auto%n",
                    r.<String>getAs("model"), r.<Integer>getAs("width"), r.<Integer>getAs("data_size"),
                    r.<Long>getAs("n"), fmt(r.<Double>getAs("t_low")), fmt(r.<Double>getAs("t_high")),
                    fmt(org.calorimeter.core.fit.Reweighting.MIN_OVERLAP), fmt(r.<Double>getAs("overlap")));
        }
    }

    /** curves/ column (value, error) of each {@link Reference} quantity. */
    private static final Map<String, String[]> COLUMNS = Map.of("c", new String[] {"c_mean", "c_err"},
            "energy", new String[] {"energy_mean", "energy_mean_err"}, "psi", new String[] {"psi_mean", "psi_mean_err"},
            "chi", new String[] {"chi_mean", "chi_err"}, "gen_error", new String[] {"gen_error_mean", "gen_error_err"},
            "llc", new String[] {"llc_mean", "llc_err"});

    /** One comparison of a curve point with an exact answer. */
    public record Check(int width, int dataSize, double temperature, String quantity, double value, double error,
                        double exact, String source, double systematic) {
        /** (measured - exact) over the statistical error and the estimator's systematic scale in quadrature. */
        public double z() {
            return (value - exact) / Math.hypot(error, systematic);
        }
    }

    /** Every curve point of a calibration system beside its exact answer. */
    public static List<Check> checks(List<Row> curves, SweepConfig config) {
        List<Check> out = new ArrayList<>();
        for (Row r : curves) {
            int w = r.getAs("width");
            int d = r.getAs("data_size");
            double t = r.getAs("temperature");
            for (Reference.Value v : Reference.of(config, w, d, t)) {
                String[] col = COLUMNS.get(v.quantity());
                out.add(new Check(w, d, t, v.quantity(), r.<Double>getAs(col[0]), r.<Double>getAs(col[1]), v.exact(),
                        v.source(), v.systematic()));
            }
        }
        return out;
    }

    static void calibration(PrintStream out, AggregateJob.Outcome outcome, SweepConfig config) {
        List<Check> checks = checks(outcome.curves(), config);
        if (checks.isEmpty()) return;
        out.println();
        out.println("Calibration: replica averages against exact answers (z = (measured - exact) / error, with an "
                + "estimator's known systematic scale added in quadrature where it has one)");
        out.println(String.format(Locale.ROOT, "%6s %6s %10s %-10s | %-34s | %10s | %6s | %s", "N", "D", "T", "quantity",
                "measured", "exact", "z", "source"));
        for (Check c : checks) {
            out.println(String.format(Locale.ROOT, "%6d %6d %10s %-10s | %-34s | %10s | %6.2f | %s", c.width(),
                    c.dataSize(), fmt(c.temperature()), c.quantity(), fmt(c.value()) + " +- " + fmt(c.error())
                            + (c.systematic() > 0 ? " (sys " + fmt(c.systematic()) + ")" : ""),
                    fmt(c.exact()), c.z(), c.source()));
        }
    }

    static boolean flagged(Row r) {
        Boolean f = r.getAs("fr_flag");
        return f != null && f;
    }

    static String interval(FitResult f) {
        if (Double.isNaN(f.ciLow())) return fmt4(f.estimate());
        return fmt4(f.estimate()) + " [" + fmt4(f.ciLow()) + ", " + fmt4(f.ciHigh()) + "]";
    }

    /** Four significant digits (fits are compared with exact values to a fraction of a percent). */
    static String fmt4(double v) {
        if (Double.isNaN(v)) return "nan";
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-3 || a >= 1e5)) return String.format(Locale.ROOT, "%.3e", v);
        return String.format(Locale.ROOT, "%.4g", v);
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) return "nan";
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-2 || a >= 1e4)) return String.format(Locale.ROOT, "%.2e", v);
        return String.format(Locale.ROOT, a < 10 ? "%.3g" : "%.4g", v);
    }
}
