package org.calorimeter.core.fit;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The peak of a replica-averaged C(T) curve on its grid: the vertex of the parabola in log T through the grid maximum
 * and its two neighbours. 95% intervals by bootstrap: each replicate resamples the replicas with replacement (so a
 * teacher's whole curve moves together) and redraws every value from N(C, err^2) with its chain error (which keeps
 * one replica's interval from collapsing; with several replicas it makes the interval slightly conservative), then
 * finds the vertex again. A maximum at either end of the grid, or one that does not stand out of the errors, is not
 * a peak: the fit says so with {@code converged = false}.
 */
public final class PeakFit {
    /** Bootstrap redraws: the 2.5% and 97.5% percentiles then rest on 50 points each. */
    public static final int BOOTSTRAP = 2000;

    private PeakFit() {}

    public record Peak(FitResult temperature, FitResult height) {}

    public static Peak fit(Curve curve, Integer width, Integer dataSize, long seed) {
        int n = curve.size();
        String method = "parabola in log T through the grid maximum; bootstrap over " + curve.replicas()
                + " replicas and chain errors x" + BOOTSTRAP;
        if (n < 3) {
            String why = "needs at least 3 temperatures, has " + n;
            return new Peak(FitResult.failed("peak_temperature", width, dataSize, n, method, why),
                    FitResult.failed("peak_height", width, dataSize, n, method, why));
        }
        double[] logT = Arrays.stream(curve.temperature()).map(Math::log).toArray();
        double[] mean = curve.mean();
        int k = Peaks.argmax(mean);
        if (k == 0 || k == n - 1) {
            String why = "the maximum of C is at the " + (k == 0 ? "lowest" : "highest")
                    + " grid temperature: widen the grid to bracket the peak";
            double t = curve.temperature()[k];
            double c = mean[k];
            double e = curve.differenceError(k, -1);
            return new Peak(new FitResult("peak_temperature", width, dataSize, t, Double.NaN, Double.NaN, Double.NaN,
                    n, Double.NaN, method, false, why),
                    new FitResult("peak_height", width, dataSize, c, e, c - 1.96 * e, c + 1.96 * e, n, Double.NaN,
                            method, false, why));
        }
        String flat = significance(curve, k);
        if (flat != null) {
            double c = mean[k];
            double e = curve.differenceError(k, -1);
            return new Peak(FitResult.failed("peak_temperature", width, dataSize, n, method, flat),
                    new FitResult("peak_height", width, dataSize, c, e, c - 1.96 * e, c + 1.96 * e, n, Double.NaN,
                            method, false, flat));
        }
        double[] vertex = Peaks.vertex(logT, mean, k);
        SplittableRandom rng = new SplittableRandom(seed);
        double[] bt = new double[BOOTSTRAP];
        double[] bh = new double[BOOTSTRAP];
        double[] redraw = new double[n];
        int replicas = curve.replicas();
        for (int b = 0; b < BOOTSTRAP; b++) {
            java.util.Arrays.fill(redraw, 0.0);
            for (int j = 0; j < replicas; j++) {
                int r = rng.nextInt(replicas);
                for (int i = 0; i < n; i++) {
                    redraw[i] += (curve.value()[r][i] + curve.error()[r][i] * rng.nextGaussian()) / replicas;
                }
            }
            int kb = Math.min(Math.max(Peaks.argmax(redraw), 1), n - 2);
            double[] v = Peaks.vertex(logT, redraw, kb);
            bt[b] = v[0];
            bh[b] = v[1];
        }
        Intervals.Interval it = Intervals.percentile(bt);   // in log T
        Intervals.Interval ih = Intervals.percentile(bh);
        FitResult temperature = new FitResult("peak_temperature", width, dataSize, Math.exp(vertex[0]),
                Math.exp(vertex[0]) * std(bt), Math.exp(it.low()), Math.exp(it.high()), n, Double.NaN,
                method + "; " + it.label(), true, "");
        FitResult height = new FitResult("peak_height", width, dataSize, vertex[1], std(bh), ih.low(), ih.high(), n,
                Double.NaN, method + "; " + ih.label(), true, "");
        return new Peak(temperature, height);
    }

    /**
     * A peak must stand {@value #SIGNIFICANCE} standard errors above some point on each side of it, the error of each
     * difference paired by replica ({@link Curve#differenceError}); else C
     * is flat within its errors there (as for a regular model at low T, C = d/2) and the grid maximum is noise.
     * Returns why the peak is not significant, or null.
     */
    static String significance(Curve curve, int k) {
        double[] c = curve.mean();
        double left = Double.NEGATIVE_INFINITY;
        double right = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < c.length; i++) {
            if (i == k) continue;
            double z = (c[k] - c[i]) / curve.differenceError(k, i);
            if (i < k) left = Math.max(left, z);
            else right = Math.max(right, z);
        }
        if (left >= SIGNIFICANCE && right >= SIGNIFICANCE) return null;
        return String.format(java.util.Locale.ROOT, "no significant peak: the maximum stands at most %.1f and %.1f "
                + "standard errors above the points to its left and right (%.0f needed); C is flat within its errors",
                left, right, SIGNIFICANCE);
    }

    /** Standard errors by which a peak must exceed the curve's lowest point on each side. */
    public static final double SIGNIFICANCE = 2.0;

    private static double std(double[] v) {
        double m = 0;
        for (double x : v) m += x;
        m /= v.length;
        double s = 0;
        for (double x : v) s += (x - m) * (x - m);
        return Math.sqrt(s / (v.length - 1));
    }
}
