package org.calorimeter.core.fit;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.analysis.MultivariateFunction;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * Finite-size data collapse: curves y_L(T) of several sizes L (the grid width) are rescaled to
 * x = (T - T_c) L^(1/nu) and, in {@code POWER} mode, Y = y / L^a, or in {@code LOG} mode (logarithmic corrections,
 * as for the 2D Ising heat capacity, where a = 0) Y = y - A ln L. The parameters minimise the Houdayer-Hartmann
 * quality S (Houdayer and Hartmann 2004): for every point of every curve whose x falls inside another curve's x-range,
 * the master curve there is the error-weighted mean of the other curves' linear interpolations, and
 * S = mean over those points of (Y - Y_master)^2 / (dY^2 + dY_master^2); S near 1 is a collapse within the errors,
 * S >> 1 a poor one. Minimised by Nelder-Mead (Commons Math) from the given start and two perturbed starts.
 * Window rule: only points with y at least half their own curve's maximum enter (the critical region).
 */
public final class Collapse {
    public enum Mode { POWER, LOG }

    /** Points of one size: temperatures, values, one-sigma errors. */
    public record Curve(double size, double[] t, double[] y, double[] err) implements Serializable {}

    /** The fitted (T_c, nu, a or A) and the quality S. */
    public record Fit(double tc, double nu, double exponent, double quality, boolean converged) implements Serializable {}

    static final double WINDOW = 0.5;

    private Collapse() {}

    /** The windowed curves (points with y >= WINDOW * max y of their own curve). */
    public static List<Curve> window(List<Curve> curves) {
        List<Curve> out = new ArrayList<>();
        for (Curve c : curves) {
            double max = Double.NEGATIVE_INFINITY;
            for (double v : c.y()) max = Math.max(max, v);
            List<Integer> keep = new ArrayList<>();
            for (int i = 0; i < c.y().length; i++) if (c.y()[i] >= WINDOW * max) keep.add(i);
            double[] t = new double[keep.size()];
            double[] y = new double[keep.size()];
            double[] e = new double[keep.size()];
            for (int k = 0; k < keep.size(); k++) {
                t[k] = c.t()[keep.get(k)];
                y[k] = c.y()[keep.get(k)];
                e[k] = c.err()[keep.get(k)];
            }
            out.add(new Curve(c.size(), t, y, e));
        }
        return out;
    }

    /**
     * Below this fraction of points inside another curve's x-range, a collapse is degenerate: the minimiser has
     * pushed the curves apart until S is measured on a handful of points (S ~ 1e-13 in the quickstart's MLP lines).
     * A collapse worth the name overlaps most of its points; a quarter is a generous floor.
     */
    public static final double MIN_OVERLAP = 0.25;

    /** The fraction of all points that fall inside some other curve's scaled x-range at (T_c, nu). */
    public static double overlapFraction(List<Curve> curves, Mode mode, double tc, double nu, double exponent) {
        int m = curves.size();
        double[] lo = new double[m];
        double[] hi = new double[m];
        double[][] x = new double[m][];
        for (int c = 0; c < m; c++) {
            Curve cv = curves.get(c);
            double scale = Math.pow(cv.size(), 1 / nu);
            x[c] = new double[cv.t().length];
            for (int i = 0; i < x[c].length; i++) x[c][i] = (cv.t()[i] - tc) * scale;
            lo[c] = x[c].length == 0 ? Double.NaN : x[c][0];
            hi[c] = x[c].length == 0 ? Double.NaN : x[c][x[c].length - 1];
        }
        int inside = 0;
        int total = 0;
        for (int p = 0; p < m; p++) {
            for (double xi : x[p]) {
                total++;
                for (int q = 0; q < m; q++) {
                    if (q != p && x[q].length >= 2 && xi >= lo[q] && xi <= hi[q]) {
                        inside++;
                        break;
                    }
                }
            }
        }
        return total == 0 ? 0 : (double) inside / total;
    }

    /** The Houdayer-Hartmann quality at parameters (T_c, nu, exponent); NaN when no point overlaps another curve. */
    public static double quality(List<Curve> curves, Mode mode, double tc, double nu, double exponent) {
        int m = curves.size();
        double[][] x = new double[m][];
        double[][] y = new double[m][];
        double[][] e = new double[m][];
        for (int c = 0; c < m; c++) {
            Curve cv = curves.get(c);
            double l = cv.size();
            double scale = Math.pow(l, 1 / nu);
            int n = cv.t().length;
            x[c] = new double[n];
            y[c] = new double[n];
            e[c] = new double[n];
            double yScale = mode == Mode.POWER ? Math.pow(l, -exponent) : 1.0;
            double shift = mode == Mode.LOG ? exponent * Math.log(l) : 0.0;
            for (int i = 0; i < n; i++) {
                x[c][i] = (cv.t()[i] - tc) * scale;   // T ascending, so x ascending
                y[c][i] = cv.y()[i] * yScale - shift;
                e[c][i] = cv.err()[i] * yScale;
            }
        }
        double sum = 0;
        int count = 0;
        for (int p = 0; p < m; p++) {
            for (int i = 0; i < x[p].length; i++) {
                double w = 0;
                double wy = 0;
                for (int q = 0; q < m; q++) {
                    if (q == p || x[q].length < 2) continue;
                    double xi = x[p][i];
                    if (xi < x[q][0] || xi > x[q][x[q].length - 1]) continue;
                    int j = 0;
                    while (j + 2 < x[q].length && x[q][j + 1] < xi) j++;
                    double f = (xi - x[q][j]) / (x[q][j + 1] - x[q][j]);
                    double yi = y[q][j] + f * (y[q][j + 1] - y[q][j]);
                    double ei = Math.hypot((1 - f) * e[q][j], f * e[q][j + 1]);
                    double wi = 1 / (ei * ei);
                    w += wi;
                    wy += wi * yi;
                }
                if (w == 0) continue;
                double master = wy / w;
                double d = y[p][i] - master;
                sum += d * d / (e[p][i] * e[p][i] + 1 / w);
                count++;
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }

    /** Minimises S from {@code start} = (T_c, nu, exponent). */
    public static Fit fit(List<Curve> curves, Mode mode, double[] start) {
        List<Curve> w = window(curves);
        MultivariateFunction s = p -> {
            if (!(p[1] > 0.05) || p[1] > 20) return 1e300;
            double q = quality(w, mode, p[0], p[1], p[2]);
            return Double.isNaN(q) ? 1e300 : q;
        };
        PointValuePair best = null;
        boolean converged = false;
        double[][] starts = {start, {start[0], start[1] * 1.3, start[2]}, {start[0], start[1] * 0.7, start[2]}};
        for (double[] s0 : starts) {
            try {
                PointValuePair r = new SimplexOptimizer(1e-10, 1e-12).optimize(new MaxEval(4000),
                        new ObjectiveFunction(s), GoalType.MINIMIZE, new InitialGuess(s0),
                        new NelderMeadSimplex(new double[] {Math.max(1e-3, 0.02 * Math.abs(s0[0])), 0.1 * s0[1],
                            0.1 * Math.max(0.1, Math.abs(s0[2]))}));
                if (best == null || r.getValue() < best.getValue()) best = r;
                converged = true;
            } catch (org.apache.commons.math3.exception.TooManyEvaluationsException e) {
                // try the next start; converged stays as it is
            }
        }
        if (best == null || best.getValue() >= 1e300) return new Fit(Double.NaN, Double.NaN, Double.NaN, Double.NaN, false);
        double[] p = best.getPoint();
        return new Fit(p[0], p[1], p[2], best.getValue(), converged);
    }
}
