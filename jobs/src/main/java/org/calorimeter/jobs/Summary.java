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
        trust(out, outcome);
        if (config != null) calibration(out, outcome, config);
        if (!outcome.skipped().isEmpty()) {
            out.println();
            out.println("Skipped by the aggregation (no estimates): " + outcome.skipped()
                    + "; see the status and message columns of cells/");
        }
    }

    /** The cells not ok, the peaks and the fits, grouped by reason: the summary's middle, which the report reuses. */
    static void trust(PrintStream out, AggregateJob.Outcome outcome) {
        untrusted(out, outcome);
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
        peaks(out, peaks);
        fits(out, laws);
    }

    /** Peaks bracketed by the grid, one row each; the lines without one, one line per reason. */
    static void peaks(PrintStream out, Map<String, FitResult[]> peaks) {
        List<Map.Entry<String, FitResult[]>> found = peaks.entrySet().stream()
                .filter(e -> e.getValue()[0] != null && e.getValue()[0].converged()).toList();
        out.println();
        if (!found.isEmpty()) {
            out.println("Peaks of C(T) per line (95% intervals)");
            out.println(String.format(Locale.ROOT, "%6s %6s | %-28s | %-28s", "N", "D", "T_peak", "C_peak"));
            for (Map.Entry<String, FitResult[]> p : found) {
                out.println(String.format(Locale.ROOT, "%s | %-28s | %-28s", p.getKey(), interval(p.getValue()[0]),
                        p.getValue()[1] == null ? "" : interval(p.getValue()[1])));
            }
        }
        Map<String, Integer> missing = new TreeMap<>();
        for (FitResult[] p : peaks.values()) {
            if (p[0] != null && !p[0].converged()) missing.merge(p[0].message(), 1, Integer::sum);
        }
        for (Map.Entry<String, Integer> m : missing.entrySet()) {
            out.printf(Locale.ROOT, "No peak on %d of %d lines: %s%n", m.getValue(), peaks.size(), m.getKey());
        }
    }

    /** Kinds whose succeeded rows are listed one by one up to this many; more are summarised in one line. */
    static final int LISTED_FITS = 3;
    /** Distinct reasons for fits not made, one line each, up to this many. */
    static final int LISTED_REASONS = 14;

    /**
     * The fits that succeeded (each row for a kind with few, else one line with their count and range), then one line
     * per reason for those that were not made or do not apply. fits/ keeps every row.
     */
    static void fits(PrintStream out, List<FitResult> laws) {
        Map<String, List<FitResult>> ok = new java.util.LinkedHashMap<>();
        Map<String, java.util.Set<String>> reasons = new java.util.LinkedHashMap<>();
        Map<String, Integer> reasonCount = new java.util.HashMap<>();
        Map<String, FitResult> firstOf = new java.util.HashMap<>();   // the row whose figures a reason line shows
        for (FitResult f : laws) {
            if (f.converged()) {
                ok.computeIfAbsent(f.kind(), k -> new ArrayList<>()).add(f);
            } else {
                String key = masked(why(f));
                reasons.computeIfAbsent(key, k -> new java.util.TreeSet<>()).add(f.kind());
                reasonCount.merge(key, 1, Integer::sum);
                firstOf.putIfAbsent(key, f);
            }
        }
        out.println();
        out.printf(Locale.ROOT, "Fits (95%% intervals; %d made, %d not; every row with its method in fits/)%n",
                laws.stream().filter(FitResult::converged).count(), laws.stream().filter(f -> !f.converged()).count());
        for (Map.Entry<String, List<FitResult>> k : ok.entrySet()) {
            List<FitResult> rows = k.getValue();
            if (rows.size() <= LISTED_FITS) {
                for (FitResult f : rows) {
                    out.println(String.format(Locale.ROOT, "  %-26s %-18s %s%s", f.kind(), at(f), interval(f),
                            f.message().isEmpty() ? "" : "  (" + f.message() + ")"));
                }
            } else {
                double[] e = rows.stream().mapToDouble(FitResult::estimate).sorted().toArray();
                out.println(String.format(Locale.ROOT, "  %-26s %-18s from %s to %s, median %s", k.getKey(),
                        rows.size() + " fits", fmt4(e[0]), fmt4(e[e.length - 1]), fmt4(e[e.length / 2])));
            }
        }
        int shown = 0;
        for (Map.Entry<String, java.util.Set<String>> r : reasons.entrySet()) {
            if (shown++ == LISTED_REASONS) {
                out.printf(Locale.ROOT, "  ... and %d more reasons (the message column of fits/)%n",
                        reasons.size() - LISTED_REASONS);
                break;
            }
            List<String> kinds = new ArrayList<>(r.getValue());
            String names = kinds.size() <= 3 ? String.join(", ", kinds)
                    : String.join(", ", kinds.subList(0, 3)) + ", +" + (kinds.size() - 3);
            FitResult first = firstOf.get(r.getKey());
            String example = why(first);
            String lead = example.startsWith("not ") ? "" : "not made: ";
            int n = reasonCount.get(r.getKey());
            String instance = n > 1 && !example.equals(r.getKey()) ? " (figures of " + at(first) + ")" : "";
            out.printf(Locale.ROOT, "  %d x %s: %s%s%s%n", n, names, lead, example, instance);
        }
    }

    /** Why a fit row was not made; a line's failed reweighting reads "not reliable". */
    static String why(FitResult f) {
        return (f.kind().equals("reweighting") ? "not reliable: " : "") + f.message();
    }

    static String at(FitResult f) {
        return ((f.width() != null ? "N=" + f.width() : "")
                + (f.dataSize() != null ? (f.width() != null ? " " : "") + "D=" + f.dataSize() : "")
                + (f.temperature() != null ? " T=" + fmt(f.temperature()) : "")).strip();
    }

    /** Lines the summary names one by one; the rest are counted. */
    static final int NAMED_LINES = 12;

    /** The lines with cells that are not ok (status, where, why) and the reweighting's low-overlap stretches. */
    static void untrusted(PrintStream out, AggregateJob.Outcome outcome) {
        if (outcome.untrustedCount() == 0) {
            out.println("Every cell is ok (no short_chain, unmixed, diverged or failed status).");
        } else {
            // Grouped by status and reason (the message with its numbers masked), naming where each group sits.
            Map<String, List<Row>> byReason = new TreeMap<>();
            java.util.Set<String> lines = new TreeSet<>();
            for (Row r : outcome.untrusted()) {
                String key = r.<String>getAs("status") + ": " + masked(r.<String>getAs("message"));
                byReason.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
                lines.add(line(r));
            }
            out.printf(Locale.ROOT, "Cells not ok: %d, on %s%d lines, for %d reasons (status and message columns of "
                            + "cells/):%n", outcome.untrustedCount(),
                    outcome.untrustedCount() > outcome.untrusted().size() ? "at least " : "", lines.size(),
                    byReason.size());
            int shown = 0;
            for (Map.Entry<String, List<Row>> e : byReason.entrySet()) {
                if (shown++ == NAMED_LINES) {
                    out.printf(Locale.ROOT, "  ... and %d more reasons%n", byReason.size() - NAMED_LINES);
                    break;
                }
                List<Row> rows = e.getValue();
                Map<String, List<String>> where = new TreeMap<>();
                for (Row r : rows) {
                    where.computeIfAbsent(line(r), k -> new ArrayList<>()).add(fmt(r.<Double>getAs("temperature"))
                            + (r.<Boolean>getAs("ladder") ? " (ladder)" : ""));
                }
                String places = where.entrySet().stream().limit(3).map(w -> w.getKey() + " at T = "
                        + String.join(", ", w.getValue())).reduce((a, b) -> a + "; " + b).orElse("")
                        + (where.size() > 3 ? "; +" + (where.size() - 3) + " lines" : "");
                out.printf(Locale.ROOT, "  %s x %d (%s): %s%n", rows.get(0).<String>getAs("status"), rows.size(),
                        places, rows.get(0).<String>getAs("message"));
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

    static String line(Row r) {
        return String.format(Locale.ROOT, "%s N=%d D=%d replica %d", r.<String>getAs("model"), r.<Integer>getAs("width"),
                r.<Integer>getAs("data_size"), r.<Integer>getAs("replica"));
    }

    /** A message with its numbers masked: messages that differ only in their figures give one reason. */
    static String masked(String message) {
        return message == null ? "" : message.replaceAll("[-+]?[0-9][0-9.e+-]*", "#");
    }

    /** curves/ column (value, error) of each {@link Reference} quantity. */
    private static final Map<String, String[]> COLUMNS = Map.of("c", new String[] {"c_mean", "c_err"},
            "energy", new String[] {"energy_mean", "energy_mean_err"}, "psi", new String[] {"psi_mean", "psi_mean_err"},
            "chi", new String[] {"chi_mean", "chi_err"}, "gen_error", new String[] {"gen_error_mean", "gen_error_err"},
            "llc", new String[] {"llc_mean", "llc_err"}, "kl", new String[] {"kl", "kl_err"},
            "fisher_trace", new String[] {"fisher_trace", "fisher_trace_err"},
            "fisher_top1", new String[] {"fisher_top1", "fisher_top1_err"},
            "fisher_eff_dim", new String[] {"fisher_eff_dim", "fisher_eff_dim_err"});

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
                // A measured value the aggregation left empty (a quantity that does not apply there) is NaN: the
                // check shows it instead of dropping it.
                Double value = r.getAs(col[0]);
                Double error = r.getAs(col[1]);
                out.add(new Check(w, d, t, v.quantity(), value == null ? Double.NaN : value,
                        error == null ? Double.NaN : error, v.exact(), v.source(), v.systematic()));
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
