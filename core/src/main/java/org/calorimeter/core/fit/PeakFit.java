package org.calorimeter.core.fit;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * The peak of a C(T) curve on its grid: the vertex of the parabola in log T through the grid maximum and its two
 * neighbours, with 95% intervals from a parametric bootstrap (each point redrawn from N(C_k, err_k^2) and the
 * vertex found again). A maximum at either end of the grid is not a peak: the fit reports the edge value with
 * {@code converged = false}.
 */
public final class PeakFit {
    /** Bootstrap redraws: the 2.5% and 97.5% percentiles then rest on 50 points each. */
    public static final int BOOTSTRAP = 2000;

    private PeakFit() {}

    public record Peak(FitResult temperature, FitResult height) {}

    public static Peak fit(Curve curve, Integer width, Integer dataSize, long seed) {
        int n = curve.size();
        String method = "parabola in log T through the grid maximum, parametric bootstrap x" + BOOTSTRAP;
        if (n < 3) {
            String why = "needs at least 3 temperatures, has " + n;
            return new Peak(FitResult.failed("peak_temperature", width, dataSize, n, method, why),
                    FitResult.failed("peak_height", width, dataSize, n, method, why));
        }
        double[] logT = Arrays.stream(curve.temperature()).map(Math::log).toArray();
        int k = argmax(curve.value());
        if (k == 0 || k == n - 1) {
            String why = "the maximum of C is at the " + (k == 0 ? "lowest" : "highest")
                    + " grid temperature: widen the grid to bracket the peak";
            double t = curve.temperature()[k];
            double c = curve.value()[k];
            double e = curve.error()[k];
            return new Peak(new FitResult("peak_temperature", width, dataSize, t, Double.NaN, Double.NaN, Double.NaN,
                    n, Double.NaN, method, false, why),
                    new FitResult("peak_height", width, dataSize, c, e, c - 1.96 * e, c + 1.96 * e, n, Double.NaN,
                            method, false, why));
        }
        String flat = significance(curve, k);
        if (flat != null) {
            double c = curve.value()[k];
            double e = curve.error()[k];
            return new Peak(FitResult.failed("peak_temperature", width, dataSize, n, method, flat),
                    new FitResult("peak_height", width, dataSize, c, e, c - 1.96 * e, c + 1.96 * e, n, Double.NaN,
                            method, false, flat));
        }
        double[] vertex = vertex(logT, curve.value(), k);
        SplittableRandom rng = new SplittableRandom(seed);
        double[] bt = new double[BOOTSTRAP];
        double[] bh = new double[BOOTSTRAP];
        double[] redraw = new double[n];
        for (int b = 0; b < BOOTSTRAP; b++) {
            for (int i = 0; i < n; i++) redraw[i] = curve.value()[i] + curve.error()[i] * rng.nextGaussian();
            int kb = Math.min(Math.max(argmax(redraw), 1), n - 2);
            double[] v = vertex(logT, redraw, kb);
            bt[b] = v[0];
            bh[b] = v[1];
        }
        Percentile p = new Percentile();
        double tLow = Math.exp(p.evaluate(bt, 2.5));
        double tHigh = Math.exp(p.evaluate(bt, 97.5));
        FitResult temperature = new FitResult("peak_temperature", width, dataSize, Math.exp(vertex[0]),
                Math.exp(vertex[0]) * std(bt), tLow, tHigh, n, Double.NaN, method, true, "");
        FitResult height = new FitResult("peak_height", width, dataSize, vertex[1], std(bh), p.evaluate(bh, 2.5),
                p.evaluate(bh, 97.5), n, Double.NaN, method, true, "");
        return new Peak(temperature, height);
    }

    /**
     * A peak must stand {@value #SIGNIFICANCE} combined standard errors above the lowest point on each side of it;
     * else C is flat within its errors there (as for a regular model at low T, C = d/2) and the grid maximum is
     * noise. Returns why the peak is not significant, or null.
     */
    static String significance(Curve curve, int k) {
        double[] c = curve.value();
        double[] e = curve.error();
        double left = Double.POSITIVE_INFINITY;
        double right = Double.POSITIVE_INFINITY;
        for (int i = 0; i < c.length; i++) {
            if (i == k) continue;
            double z = (c[k] - c[i]) / Math.hypot(e[k], e[i]);
            if (i < k) left = Math.min(left, z);
            else right = Math.min(right, z);
        }
        if (left >= SIGNIFICANCE && right >= SIGNIFICANCE) return null;
        return String.format(java.util.Locale.ROOT, "no significant peak: the maximum stands %.1f and %.1f standard "
                + "errors above the lowest point to its left and right (%.0f needed); C is flat within its errors",
                left, right, SIGNIFICANCE);
    }

    /** Standard errors by which a peak must exceed the curve's lowest point on each side. */
    public static final double SIGNIFICANCE = 2.0;

    /**
     * (log T, C) at the vertex of the parabola through points k-1, k, k+1; the vertex is clamped to that
     * interval (a flat or inverted triple falls back to the middle point).
     */
    static double[] vertex(double[] x, double[] y, int k) {
        double x0 = x[k - 1], x1 = x[k], x2 = x[k + 1];
        double y0 = y[k - 1], y1 = y[k], y2 = y[k + 1];
        double d01 = (y1 - y0) / (x1 - x0);
        double d12 = (y2 - y1) / (x2 - x1);
        double a = (d12 - d01) / (x2 - x0);
        if (!(a < 0)) return new double[] {x1, y1};
        double b = d01 - a * (x0 + x1);
        double xv = Math.min(Math.max(-b / (2 * a), x0), x2);
        double yv = y1 + (xv - x1) * (d01 + a * (xv - x0));
        return new double[] {xv, yv};
    }

    private static int argmax(double[] v) {
        int k = 0;
        for (int i = 1; i < v.length; i++) if (v[i] > v[k]) k = i;
        return k;
    }

    private static double std(double[] v) {
        double m = 0;
        for (double x : v) m += x;
        m /= v.length;
        double s = 0;
        for (double x : v) s += (x - m) * (x - m);
        return Math.sqrt(s / (v.length - 1));
    }
}
