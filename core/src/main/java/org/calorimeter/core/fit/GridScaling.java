package org.calorimeter.core.fit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * Fits across the (width, data size) grid at one temperature, from per-replica values c[r][w][d] (replicas paired: the
 * same teacher at every width and data size):
 * <ul>
 *   <li>{@code data_exponent}: C ~ D^b at each width (robust fit, below);</li>
 *   <li>{@code joint_width_exponent}, {@code joint_data_exponent}: C = A N^a D^b over the whole grid;</li>
 *   <li>{@code capacity_optimal_width}: argmax over N of C at each data size, with its bootstrap interval; at the
 *       largest width the row says C still rises.</li>
 * </ul>
 * The power laws minimise the Huber loss (threshold 1.345, the usual 95%-efficiency choice) of the log residuals in
 * units of their errors, by Nelder-Mead from several starting points (the best is kept; if none converges the row
 * says so). Intervals: percentiles of refits on {@link #BOOTSTRAP} replica resamples.
 */
public final class GridScaling {
    static final double HUBER = 1.345;
    static final int BOOTSTRAP = 200;

    private GridScaling() {}

    /**
     * @param widths ascending widths; {@code sizes} ascending data sizes
     * @param c [replica][width][size] values (NaN where missing); {@code err} the same shape, chain errors
     */
    public static List<FitResult> fit(int[] widths, int[] sizes, double temperature, double[][][] c, double[][][] err,
                                      long seed) {
        List<FitResult> out = new ArrayList<>();
        int r = c.length;
        SplittableRandom rng = new SplittableRandom(seed);
        int[][] draws = new int[BOOTSTRAP][r];
        for (int[] d : draws) for (int i = 0; i < r; i++) d[i] = r == 1 ? 0 : rng.nextInt(r);
        int[] all = new int[r];
        for (int i = 0; i < r; i++) all[i] = i;
        // C ~ D^b per width
        for (int w = 0; w < widths.length; w++) {
            final int wi = w;
            out.add(robust("data_exponent", widths[w], null, temperature, sizes.length, rows -> {
                List<double[]> pts = new ArrayList<>();
                for (int d = 0; d < sizes.length; d++) {
                    double[] m = mean(c, err, rows, wi, d);
                    if (m != null) pts.add(new double[] {1, Math.log(sizes[d]), m[0], m[1]});
                }
                return pts;
            }, all, draws));
        }
        // C = A N^a D^b jointly
        if (widths.length >= 2 && sizes.length >= 2) {
            FitResult[] joint = joint(widths, sizes, temperature, c, err, all, draws);
            out.add(joint[0]);
            out.add(joint[1]);
        } else {
            String why = "needs at least 2 widths and 2 data sizes; the grid has " + widths.length + " and "
                    + sizes.length;
            out.add(fixedT(FitResult.failed("joint_width_exponent", null, null, 0, "Huber", why), temperature));
            out.add(fixedT(FitResult.failed("joint_data_exponent", null, null, 0, "Huber", why), temperature));
        }
        // argmax over N
        for (int d = 0; d < sizes.length; d++) {
            out.add(capacity(widths, sizes[d], d, temperature, c, err, all, draws));
        }
        return out;
    }

    static FitResult fixedT(FitResult f, double t) {
        return new FitResult(f.kind(), f.width(), f.dataSize(), t, f.estimate(), f.error(), f.ciLow(), f.ciHigh(),
                f.nPoints(), f.chi2Dof(), f.method(), f.converged(), f.message());
    }

    /** Replica mean and its error at (w, d) over the given replica draw; null when any replica is missing. */
    static double[] mean(double[][][] c, double[][][] err, int[] rows, int w, int d) {
        double s = 0, e2 = 0;
        for (int i : rows) {
            double v = c[i][w][d];
            if (!Double.isFinite(v) || !(v > 0)) return null;
            s += v;
            e2 += err[i][w][d] * err[i][w][d];
        }
        int n = rows.length;
        double m = s / n;
        double spread = 0;
        for (int i : rows) spread += (c[i][w][d] - m) * (c[i][w][d] - m);
        double se = n > 1 ? Math.sqrt(spread / (n - 1) / n) : 0;
        return new double[] {m, Math.max(Math.sqrt(e2) / n, se)};
    }

    interface Points {
        /** Rows {x0 = 1, x1 (, x2), y, error} for a replica draw. */
        List<double[]> of(int[] rows);
    }

    /** Huber fit of log y = sum_k p_k x_k; returns the parameters, or null when it does not converge. */
    static double[] huber(List<double[]> pts, int params) {
        if (pts.size() < params) return null;
        ObjectiveFunction f = new ObjectiveFunction(p -> {
            double loss = 0;
            for (double[] q : pts) {
                double pred = 0;
                for (int k = 0; k < params; k++) pred += p[k] * q[k];
                double z = (Math.log(q[params]) - pred) / (q[params + 1] / q[params]);
                double a = Math.abs(z);
                loss += a <= HUBER ? 0.5 * z * z : HUBER * (a - 0.5 * HUBER);
            }
            return loss;
        });
        PointValuePair best = null;
        double y0 = pts.stream().mapToDouble(q -> Math.log(q[params])).average().orElse(0);
        double[][] starts = params == 2 ? new double[][] {{y0, 0}, {y0, 1}, {y0, -1}}
                : new double[][] {{y0, 0, 0}, {y0, 1, -1}, {y0, -1, 1}};
        for (double[] s : starts) {
            try {
                double[] step = new double[params];
                Arrays.fill(step, 0.5);
                PointValuePair v = new SimplexOptimizer(1e-12, 1e-14).optimize(new MaxEval(20000), f,
                        GoalType.MINIMIZE, new InitialGuess(s), new NelderMeadSimplex(step));
                if (best == null || v.getValue() < best.getValue()) best = v;
            } catch (org.apache.commons.math3.exception.TooManyEvaluationsException e) {
                // next start
            }
        }
        return best == null ? null : best.getPoint();
    }

    static FitResult robust(String kind, Integer width, Integer dataSize, double t, int gridPoints, Points points,
                            int[] all, int[][] draws) {
        String method = "Huber loss on log C = log A + b log D (3 starts, Nelder-Mead); replica bootstrap";
        List<double[]> pts = points.of(all);
        if (pts.size() < 2) {
            return fixedT(FitResult.failed(kind, width, dataSize, pts.size(), method, "needs at least 2 data sizes "
                    + "with a usable C; has " + pts.size()), t);
        }
        double[] p = huber(pts, 2);
        if (p == null) return fixedT(FitResult.failed(kind, width, dataSize, pts.size(), method,
                "the Huber fit did not converge from 3 starts"), t);
        double[] boot = new double[draws.length];
        int m = 0;
        for (int[] d : draws) {
            double[] q = huber(points.of(d), 2);
            if (q != null) boot[m++] = q[1];
        }
        return fixedT(SizeScaling.interval(kind, width, dataSize, p[1], Arrays.copyOf(boot, m), pts.size(), method,
                dof(all)), t);
    }

    static FitResult[] joint(int[] widths, int[] sizes, double t, double[][][] c, double[][][] err, int[] all,
                             int[][] draws) {
        String method = "Huber loss on log C = log A + a log N + b log D over the grid (3 starts); replica bootstrap";
        Points pts = rows -> {
            List<double[]> out = new ArrayList<>();
            for (int w = 0; w < widths.length; w++) {
                for (int d = 0; d < sizes.length; d++) {
                    double[] m = mean(c, err, rows, w, d);
                    if (m != null) out.add(new double[] {1, Math.log(widths[w]), Math.log(sizes[d]), m[0], m[1]});
                }
            }
            return out;
        };
        List<double[]> central = pts.of(all);
        double[] p = huber(central, 3);
        if (p == null || central.size() < 4) {
            String why = p == null ? "the Huber fit did not converge from 3 starts" : "needs at least 4 usable grid points";
            return new FitResult[] {fixedT(FitResult.failed("joint_width_exponent", null, null, central.size(), method, why), t),
                fixedT(FitResult.failed("joint_data_exponent", null, null, central.size(), method, why), t)};
        }
        double[] ba = new double[draws.length];
        double[] bb = new double[draws.length];
        int m = 0;
        for (int[] d : draws) {
            double[] q = huber(pts.of(d), 3);
            if (q != null) {
                ba[m] = q[1];
                bb[m++] = q[2];
            }
        }
        return new FitResult[] {
            fixedT(SizeScaling.interval("joint_width_exponent", null, null, p[1], Arrays.copyOf(ba, m), central.size(),
                    method, dof(all)), t),
            fixedT(SizeScaling.interval("joint_data_exponent", null, null, p[2], Arrays.copyOf(bb, m), central.size(),
                    method, dof(all)), t)};
    }

    /** Degrees of freedom of a replica bootstrap: replicas - 1 (0, the normal quantile, for one replica). */
    static int dof(int[] all) {
        return Math.max(0, all.length - 1);
    }

    static FitResult capacity(int[] widths, int size, int d, double t, double[][][] c, double[][][] err, int[] all,
                              int[][] draws) {
        String method = "argmax over widths of the replica-mean C; replica bootstrap";
        int best = argmax(widths, d, c, err, all);
        if (best < 0) return fixedT(FitResult.failed("capacity_optimal_width", null, size, widths.length, method,
                "a width lacks usable cells at this data size and temperature"), t);
        double[] boot = new double[draws.length];
        int m = 0;
        for (int[] dr : draws) {
            int b = argmax(widths, d, c, err, dr);
            if (b >= 0) boot[m++] = widths[b];
        }
        // A set of grid widths: percentiles of the bootstrap argmax (a normal interval means nothing here).
        Intervals.Interval i = Intervals.percentile(Arrays.copyOf(boot, m));
        FitResult f = new FitResult("capacity_optimal_width", null, size, widths[best], Double.NaN, i.low(), i.high(),
                widths.length, Double.NaN, method + "; " + i.label(), m >= 10, m >= 10 ? "" : "too few bootstrap "
                + "replicates");
        boolean edge = widths.length < 2 || best == widths.length - 1 || best == 0;
        String why = widths.length < 2 ? "one width on the grid" : best == widths.length - 1
                ? "C is largest at the largest width: it may still rise beyond the grid"
                : best == 0 ? "C is largest at the smallest width: the optimum may lie below the grid" : "";
        return new FitResult(f.kind(), null, size, t, f.estimate(), f.error(), f.ciLow(), f.ciHigh(), f.nPoints(),
                Double.NaN, method, f.converged() && !edge, edge ? why : f.message());
    }

    static int argmax(int[] widths, int d, double[][][] c, double[][][] err, int[] rows) {
        int best = -1;
        double top = Double.NEGATIVE_INFINITY;
        for (int w = 0; w < widths.length; w++) {
            double[] m = mean(c, err, rows, w, d);
            if (m == null) return -1;
            if (m[0] > top) {
                top = m[0];
                best = w;
            }
        }
        return best;
    }
}
