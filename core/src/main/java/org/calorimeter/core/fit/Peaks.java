package org.calorimeter.core.fit;

/**
 * The one way a peak of a sampled curve is located: the largest point, refined by the vertex of the parabola through it
 * and its two neighbours (clamped to their interval; a flat or inverted triple keeps the point itself). Used on the grid
 * curve in log T ({@link PeakFit}), on the reweighted fine grid in T ({@link ReweightedCurve}), and for the peak that
 * splits a curve into its critical sides ({@link Regimes}).
 */
public final class Peaks {
    private Peaks() {}

    /** A located maximum: its abscissa and height, the index of the largest point, and whether neighbours bracket it. */
    public record Peak(double x, double y, int index, boolean bracketed) {}

    /** The maximum of y(x) (x increasing, at least one point). */
    public static Peak locate(double[] x, double[] y) {
        int k = argmax(y);
        if (k == 0 || k == y.length - 1) return new Peak(x[k], y[k], k, false);
        double[] v = vertex(x, y, k);
        return new Peak(v[0], v[1], k, true);
    }

    /** The index of the largest value (the first of equals). */
    public static int argmax(double[] v) {
        int k = 0;
        for (int i = 1; i < v.length; i++) if (v[i] > v[k]) k = i;
        return k;
    }

    /**
     * (x, y) at the vertex of the parabola through points k-1, k, k+1, clamped to [x_(k-1), x_(k+1)]; a flat or inverted
     * triple falls back to the middle point.
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
}
