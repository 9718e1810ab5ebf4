package org.calorimeter.core.fit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The three regimes of a C(T) line (docs/aggregation.md gives the window rules):
 * <ul>
 *   <li>{@code low_t_exponent}: C ~ T^alpha on the lowest max(3, n/4) grid temperatures (weighted power law). When the
 *       95% interval of alpha contains 0, {@code low_t_plateau} reports the plateau value (the error-weighted mean of
 *       C there: d/2 for a regular model, the learning coefficient for a singular one); otherwise its row says alpha
 *       is not 0.</li>
 *   <li>{@code critical_exponent_low}/{@code _high}: C ~ |T - T_c|^-gamma on each side of the reweighted peak, on the
 *       fine-grid points whose C lies between 30% and 90% of the peak height (off the rounded top, above the
 *       background); the interval from refitting every joint bootstrap curve about its own peak.</li>
 *   <li>{@code high_t_plateau}: the error-weighted mean of C on the highest max(2, n/4) grid temperatures, when C's
 *       slope in log T there is consistent with 0 (else the row says C is still changing).</li>
 * </ul>
 */
public final class Regimes {
    private Regimes() {}

    static int window(int n, int min) {
        return Math.min(n, Math.max(min, (n + 3) / 4));
    }

    /** Low- and high-temperature regimes from the replica-averaged grid curve (value and error per temperature). */
    public static List<FitResult> ends(double[] t, double[] c, double[] err, int width, int dataSize) {
        List<FitResult> out = new ArrayList<>();
        int n = t.length;
        int k = window(n, 3);
        if (n < 3) {
            for (String kind : List.of("low_t_exponent", "low_t_plateau", "high_t_plateau")) {
                out.add(FitResult.failed(kind, width, dataSize, n, "window", "needs at least 3 temperatures; has " + n));
            }
            return out;
        }
        FitResult alpha = PowerLawFit.fit("low_t_exponent", Arrays.copyOf(t, k), Arrays.copyOf(c, k),
                Arrays.copyOf(err, k), width, dataSize).exponent();
        out.add(alpha);
        boolean flat = alpha.converged() && alpha.ciLow() <= 0 && alpha.ciHigh() >= 0;
        out.add(plateau("low_t_plateau", t, c, err, 0, k, width, dataSize, flat, flat ? ""
                : "alpha = " + fmt(alpha.estimate()) + " [" + fmt(alpha.ciLow()) + ", " + fmt(alpha.ciHigh())
                + "] excludes 0: no plateau at the lowest temperatures of this grid"));
        int h = window(n, 2);
        FitResult slope = PowerLawFit.fit("high_t_slope", Arrays.copyOfRange(t, n - h, n),
                Arrays.copyOfRange(c, n - h, n), Arrays.copyOfRange(err, n - h, n), width, dataSize).exponent();
        boolean flatHigh = slope.converged() && slope.ciLow() <= 0 && slope.ciHigh() >= 0;
        out.add(plateau("high_t_plateau", t, c, err, n - h, n, width, dataSize, flatHigh, flatHigh ? ""
                : "C ~ T^" + fmt(slope.estimate()) + " [" + fmt(slope.ciLow()) + ", " + fmt(slope.ciHigh())
                + "] on the highest temperatures: still changing, no plateau on this grid"));
        return out;
    }

    private static FitResult plateau(String kind, double[] t, double[] c, double[] err, int from, int to, int width,
                                     int dataSize, boolean ok, String message) {
        double w = 0, wc = 0;
        for (int i = from; i < to; i++) {
            if (!(err[i] > 0)) continue;
            w += 1 / (err[i] * err[i]);
            wc += c[i] / (err[i] * err[i]);
        }
        double mean = wc / w;
        double se = 1 / Math.sqrt(w);
        double chi2 = 0;
        for (int i = from; i < to; i++) if (err[i] > 0) chi2 += Math.pow((c[i] - mean) / err[i], 2);
        int dof = to - from - 1;
        double scale = dof > 0 ? Math.sqrt(Math.max(1, chi2 / dof)) : 1;
        se *= scale;
        String method = "error-weighted mean of C on T in [" + fmt(t[from]) + ", " + fmt(t[to - 1]) + "]";
        return new FitResult(kind, width, dataSize, mean, se, mean - PowerLawFit.Z95 * se, mean + PowerLawFit.Z95 * se,
                to - from, dof > 0 ? chi2 / dof : Double.NaN, method, ok, message);
    }

    /** Critical exponents on each side of the reweighted peak of C. */
    public static List<FitResult> critical(ReweightedCurve curve) {
        List<FitResult> out = new ArrayList<>();
        ReweightedCurve.Peak p = curve.peakOf(false);
        String method = "least squares of log C on log|T - T_c|, fine-grid points with C in [0.3, 0.9] of the peak; "
                + "bootstrap over the joint replicates";
        for (boolean high : new boolean[] {false, true}) {
            String kind = "critical_exponent_" + (high ? "high" : "low");
            if (!p.temperature().converged()) {
                out.add(FitResult.failed(kind, curve.width(), curve.dataSize(), 0, method,
                        "no reweighted peak: " + p.temperature().message()));
                continue;
            }
            double g = gamma(curve.temperature(), curve.c(), high);
            double[] boot = new double[curve.bootC().length];
            int m = 0;
            for (double[] b : curve.bootC()) {
                double v = gamma(curve.temperature(), b, high);
                if (Double.isFinite(v)) boot[m++] = v;
            }
            if (!Double.isFinite(g) || m < 10) {
                out.add(FitResult.failed(kind, curve.width(), curve.dataSize(), 0, method, "fewer than 3 fine-grid "
                        + "points in the window on the " + (high ? "high" : "low") + "-T side of the peak"));
                continue;
            }
            out.add(SizeScaling.interval(kind, curve.width(), curve.dataSize(), g, Arrays.copyOf(boot, m),
                    curve.temperature().length, method));
        }
        return out;
    }

    /**
     * The {@code tau_int_max} row: the largest tau_int(E) along a line and the temperature where it is (critical slowing
     * down), a peak only when the grid brackets it.
     */
    public static FitResult slowingDown(double[] t, double[] tau, int width, int dataSize) {
        Peaks.Peak p = Peaks.locate(t, tau);
        int k = p.index();
        return new FitResult("tau_int_max", width, dataSize, t[k], tau[k], Double.NaN, Double.NaN, Double.NaN, t.length,
                Double.NaN, "largest tau_int(E) along the line (recorded samples); temperature = where", p.bracketed(),
                p.bracketed() ? "" : "tau_int is largest at an end of the grid: no interior slowing-down peak");
    }

    /** gamma from log C = const - gamma log|T - T_c| on one side of the curve's own peak; NaN if < 3 points. */
    static double gamma(double[] t, double[] c, boolean high) {
        double[] pk = ReweightedCurve.peak(t, c);
        double tc = pk[0];
        double top = pk[1];
        List<double[]> pts = new ArrayList<>();
        for (int i = 0; i < t.length; i++) {
            boolean side = high ? t[i] > tc : t[i] < tc;
            if (side && c[i] >= 0.3 * top && c[i] <= 0.9 * top) pts.add(new double[] {Math.log(Math.abs(t[i] - tc)),
                Math.log(c[i])});
        }
        if (pts.size() < 3) return Double.NaN;
        double[] x = pts.stream().mapToDouble(q -> q[0]).toArray();
        double[] y = pts.stream().mapToDouble(q -> q[1]).toArray();
        return -SizeScaling.line(x, y)[0];
    }

    static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.3g", v);
    }
}
