package org.calorimeter.core.fit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Depth scaling, d* ~ log C (the specification's depth law), from a sweep with a depth axis ({@code grid.depth}):
 * <ul>
 *   <li>{@code optimal_depth}, at each (N, D, T): the depth of largest replica-mean C, with the percentile interval of
 *       its replica bootstrap (a set of grid depths); not converged when the largest C is at the shallowest or deepest
 *       depth of the grid (the optimum may lie beyond it);</li>
 *   <li>{@code depth_scaling}: k of d* = k ln C* + b by least squares over the (N, D, T) points whose optimum is
 *       interior (C* the largest replica-mean C there), with a replica-bootstrap interval (every point refitted from
 *       the same replica draw, so their correlation is kept); the message gives b and whether its interval holds 0
 *       (d* proportional to log C) and whether k's holds 0 (no growth at all). Not applicable with fewer than 3 interior
 *       points or one optimal depth throughout.</li>
 * </ul>
 */
public final class DepthScaling {
    private DepthScaling() {}

    /** A grid point across depths: C[depth index][replica] (NaN: no usable cell). */
    public record Point(int width, int dataSize, double temperature, double[][] c) {}

    static final String METHOD = "argmax over depths of the replica-mean C; replica bootstrap";

    public static List<FitResult> fit(int[] depths, List<Point> points, int replicas, long seed) {
        List<FitResult> out = new ArrayList<>();
        int b = GridScaling.BOOTSTRAP;
        SplittableRandom rng = new SplittableRandom(seed);
        int[][] draws = new int[b][replicas];
        for (int[] d : draws) for (int r = 0; r < replicas; r++) d[r] = rng.nextInt(replicas);
        int[] all = new int[replicas];
        for (int r = 0; r < replicas; r++) all[r] = r;
        List<double[]> interior = new ArrayList<>();   // {ln C*, d*} at the full sample
        List<double[][]> interiorBoot = new ArrayList<>();   // [draw] {ln C*, d*}
        for (Point p : points) {
            double[] best = argmax(depths, p.c(), all);
            if (best == null) {
                out.add(at(p, FitResult.failed("optimal_depth", p.width(), p.dataSize(), depths.length, METHOD,
                        "a depth lacks usable cells here")));
                continue;
            }
            double[] boot = new double[b];
            double[][] pair = new double[b][];
            int m = 0;
            for (int[] dr : draws) {
                double[] q = argmax(depths, p.c(), dr);
                if (q == null) continue;
                boot[m] = q[0];
                pair[m++] = new double[] {Math.log(q[1]), q[0]};
            }
            Intervals.Interval ci = Intervals.percentile(Arrays.copyOf(boot, m));
            int k = (int) best[2];
            boolean edge = depths.length < 2 || k == 0 || k == depths.length - 1;
            String why = k == depths.length - 1 ? "C is largest at the deepest depth: the optimum may lie beyond the grid"
                    : k == 0 ? "C is largest at the shallowest depth: the optimum may lie below the grid" : "";
            out.add(at(p, new FitResult("optimal_depth", p.width(), p.dataSize(), best[0], Double.NaN, ci.low(),
                    ci.high(), depths.length, Double.NaN, METHOD + "; " + ci.label(), !edge, why)));
            if (!edge && Math.log(best[1]) > Double.NEGATIVE_INFINITY) {
                interior.add(new double[] {Math.log(best[1]), best[0]});
                interiorBoot.add(Arrays.copyOf(pair, m));
            }
        }
        out.add(law(interior, interiorBoot, points.size(), replicas));
        return out;
    }

    static FitResult law(List<double[]> pts, List<double[][]> boot, int total, int replicas) {
        String method = "least squares of d* on ln C* over the points with an interior optimal depth; replica bootstrap";
        long distinct = pts.stream().mapToDouble(q -> q[1]).distinct().count();
        if (pts.size() < 3 || distinct < 2) {
            String why = pts.size() < 3 ? "the optimal depth is interior at " + pts.size() + " of " + total
                    + " grid points (at least 3 needed): widen grid.depth around the optimum"
                    : "the optimal depth is " + (int) pts.get(0)[1] + " at every interior point: no trend to fit";
            return FitResult.failed("depth_scaling", null, null, pts.size(), method, FitResult.NOT_APPLICABLE + why);
        }
        double[] kb = line(pts);
        int draws = boot.get(0).length;
        for (double[][] b : boot) draws = Math.min(draws, b.length);
        double[] ks = new double[draws];
        double[] bs = new double[draws];
        for (int j = 0; j < draws; j++) {
            List<double[]> q = new ArrayList<>();
            for (double[][] b : boot) q.add(b[j]);
            double[] f = line(q);
            ks[j] = f[0];
            bs[j] = f[1];
        }
        int dof = Math.max(0, replicas - 1);
        Intervals.Interval ik = Intervals.normal(kb[0], ks, dof);
        Intervals.Interval ib = Intervals.normal(kb[1], bs, dof);
        String msg = String.format(java.util.Locale.ROOT, "d* = k ln C* + b with b = %.3g [%.3g, %.3g]: %s; k %s",
                kb[1], ib.low(), ib.high(), ib.low() <= 0 && 0 <= ib.high() ? "consistent with d* proportional to "
                        + "log C" : "an offset, not a proportion", ik.low() <= 0 && 0 <= ik.high()
                        ? "consistent with 0 (d* does not grow with log C here)" : "away from 0");
        return new FitResult("depth_scaling", null, null, kb[0], ik.sd(), ik.low(), ik.high(), pts.size(), Double.NaN,
                method + "; " + ik.label(), true, msg);
    }

    /** {slope, intercept} of y on x by least squares over points {x, y}; NaN slope when x does not vary. */
    static double[] line(List<double[]> pts) {
        double mx = 0;
        double my = 0;
        for (double[] p : pts) {
            mx += p[0] / pts.size();
            my += p[1] / pts.size();
        }
        double sxx = 0;
        double sxy = 0;
        for (double[] p : pts) {
            sxx += (p[0] - mx) * (p[0] - mx);
            sxy += (p[0] - mx) * (p[1] - my);
        }
        double k = sxx > 0 ? sxy / sxx : Double.NaN;
        return new double[] {k, my - k * mx};
    }

    /** {d*, C*, index} of the largest replica-mean C over depths for the replicas {@code rows}; null with a hole. */
    static double[] argmax(int[] depths, double[][] c, int[] rows) {
        double[] means = new double[depths.length];
        for (int d = 0; d < depths.length; d++) {
            double s = 0;
            for (int r : rows) {
                if (Double.isNaN(c[d][r])) return null;
                s += c[d][r] / rows.length;
            }
            means[d] = s;
        }
        int k = Peaks.argmax(means);
        return new double[] {depths[k], means[k], k};
    }

    private static FitResult at(Point p, FitResult f) {
        return new FitResult(f.kind(), f.width(), f.dataSize(), p.temperature(), f.estimate(), f.error(), f.ciLow(),
                f.ciHigh(), f.nPoints(), f.chi2Dof(), f.method(), f.converged(), f.message());
    }
}
