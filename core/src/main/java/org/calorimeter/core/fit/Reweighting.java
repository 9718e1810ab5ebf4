package org.calorimeter.core.fit;

import java.io.Serializable;
import java.util.SplittableRandom;
import org.calorimeter.core.estimator.Mbar;

/**
 * Multi-temperature reweighting of one line of temperatures (one energy function: a model, width, data set and
 * replica) from its bounded traces: MBAR free energies, then on a fine temperature grid between the lowest and highest
 * sampled temperatures the reweighted <E>, C = Var(E)/T^2, <psi> and chi = n Var(psi)/T, the entropy
 * S(T) - S(T_0) = int_{T_0}^T C/T' dT' (trapezoid on the fine grid; T_0 the lowest temperature of the line) and the
 * free energy F - F_0 relation F = <E> - T S (relative to S(T_0) = 0). A bootstrap that resamples each temperature's
 * trace points with replacement and re-solves MBAR gives {@code bootstrap} replicate curves for bands and peak
 * intervals. Trace points are taken as independent: the traces are thinned to at most sampler.trace_length points,
 * which makes them so when the stride exceeds 2 tau_int (the cells' tau_int column says whether it does).
 */
public final class Reweighting {
    /** Joint bootstrap replicates of a reweighted line (peaks, critical exponents, size scaling rest on them). */
    public static final int BOOTSTRAP = 100;

    /** Neighbouring temperatures whose MBAR overlap falls below this are flagged: reweighting between them is unreliable. */
    public static final double MIN_OVERLAP = 0.03;

    private Reweighting() {}

    /** The reweighted line: curves on the fine grid and the bootstrap replicates [b][t] of C, chi and <E>. */
    public record Line(double[] temperature, double[] energy, double[] c, double[] psi, double[] chi, double[] entropy,
                       double[] freeEnergy, double[] overlap, double[][] bootC, double[][] bootChi,
                       double[][] bootEnergy) implements Serializable {}

    /** Fine grid: {@code perInterval} points in each interval between neighbouring sampled temperatures. */
    public static double[] fineGrid(double[] temps, int perInterval) {
        double[] g = new double[(temps.length - 1) * perInterval + 1];
        for (int i = 0; i + 1 < temps.length; i++) {
            for (int p = 0; p < perInterval; p++) {
                g[i * perInterval + p] = temps[i] + (temps[i + 1] - temps[i]) * p / perInterval;
            }
        }
        g[g.length - 1] = temps[temps.length - 1];
        return g;
    }

    /**
     * @param temps ascending sampled temperatures
     * @param energies trace energies per temperature (chains concatenated)
     * @param psi trace psi per temperature, aligned with {@code energies}
     * @param n the count psi divides by (chi = n Var(psi)/T)
     */
    public static Line of(double[] temps, double[][] energies, double[][] psi, int n, int perInterval, int bootstrap,
                          long seed) {
        return of(temps, energies, psi, n, temps, perInterval, bootstrap, seed);
    }

    /**
     * As above, with the fine grid spanning {@code gridTemps} (an ascending subset of {@code temps} with its ends): the
     * replicas of a line share their grid temperatures while an automatic ladder inserts different temperatures in
     * each, and every sampled temperature feeds MBAR. A fine point's overlap is the smallest neighbour overlap of the
     * sampled temperatures within its grid interval.
     */
    public static Line of(double[] temps, double[][] energies, double[][] psi, int n, double[] gridTemps,
                          int perInterval, int bootstrap, long seed) {
        if (temps.length < 2) throw new IllegalArgumentException("reweighting needs >= 2 temperatures: " + temps.length);
        double[] grid = fineGrid(gridTemps, perInterval);
        if (disjointNeighbours(energies)) {
            throw new IllegalArgumentException("neighbouring temperatures sampled disjoint energy ranges: no overlap to "
                    + "reweight across (check disjointNeighbours first)");
        }
        Mbar mbar = converged(Mbar.solve(temps, energies, null), "");
        double[] flatPsi = concat(psi);
        double[][] curves = curves(mbar, grid, flatPsi, n);
        double[] overlap = new double[grid.length];
        double[] pair = new double[gridTemps.length - 1];
        java.util.Arrays.fill(pair, Double.POSITIVE_INFINITY);
        for (int i = 0; i + 1 < temps.length; i++) {
            int interval = 0;
            while (interval + 1 < gridTemps.length - 1 && temps[i] >= gridTemps[interval + 1]) interval++;
            pair[interval] = Math.min(pair[interval], Math.min(mbar.overlap(i, i + 1), mbar.overlap(i + 1, i)));
        }
        for (int g = 0; g < grid.length; g++) overlap[g] = pair[Math.min(g / perInterval, pair.length - 1)];
        double[][] bootC = new double[bootstrap][];
        double[][] bootChi = new double[bootstrap][];
        double[][] bootE = new double[bootstrap][];
        SplittableRandom rng = new SplittableRandom(seed);
        double[] f = mbar.freeEnergies();
        for (int b = 0; b < bootstrap; b++) {
            double[][] e = new double[temps.length][];
            double[][] p = new double[temps.length][];
            for (int k = 0; k < temps.length; k++) {
                int m = energies[k].length;
                e[k] = new double[m];
                p[k] = new double[m];
                for (int i = 0; i < m; i++) {
                    int j = rng.nextInt(m);
                    e[k][i] = energies[k][j];
                    p[k][i] = psi[k][j];
                }
            }
            double[][] c = curves(converged(Mbar.solve(temps, e, f), " (bootstrap replicate " + b + ")"), grid,
                    concat(p), n);
            bootE[b] = c[0];
            bootC[b] = c[1];
            bootChi[b] = c[3];
        }
        double[] s = entropy(grid, curves[1]);
        double[] free = new double[grid.length];
        for (int g = 0; g < grid.length; g++) free[g] = curves[0][g] - grid[g] * s[g];
        return new Line(grid, curves[0], curves[1], curves[2], curves[3], s, free, overlap, bootC, bootChi, bootE);
    }

    /** MBAR that did not converge: the line's reweighting is not reliable and is reported instead of used. */
    public static final class NotConverged extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        NotConverged(String message) {
            super(message);
        }
    }

    private static Mbar converged(Mbar mbar, String which) {
        if (!mbar.converged()) {
            throw new NotConverged("MBAR did not converge" + which + " after " + mbar.iterations()
                    + " iterations: the temperatures overlap too little to reweight across");
        }
        return mbar;
    }

    /**
     * Whether some neighbouring temperatures sampled disjoint energy ranges (every energy of the hotter above every one
     * of the colder, or the reverse): their MBAR overlap is zero, the free-energy difference between them is not
     * determined by the samples, and solving for it only grinds (issue 12: 10 minutes per line at T = 0.003, 0.3, 30).
     */
    public static boolean disjointNeighbours(double[][] energies) {
        for (int k = 0; k + 1 < energies.length; k++) {
            double[] a = energies[k];
            double[] b = energies[k + 1];
            if (a.length == 0 || b.length == 0) return true;
            double aMin = Double.POSITIVE_INFINITY, aMax = Double.NEGATIVE_INFINITY;
            double bMin = Double.POSITIVE_INFINITY, bMax = Double.NEGATIVE_INFINITY;
            for (double v : a) {
                aMin = Math.min(aMin, v);
                aMax = Math.max(aMax, v);
            }
            for (double v : b) {
                bMin = Math.min(bMin, v);
                bMax = Math.max(bMax, v);
            }
            if (aMax < bMin || bMax < aMin) return true;
        }
        return false;
    }

    /** {<E>, C, <psi>, chi} on the grid. */
    private static double[][] curves(Mbar mbar, double[] grid, double[] psi, int n) {
        double[][] out = new double[4][grid.length];
        for (int g = 0; g < grid.length; g++) {
            double t = grid[g];
            double[] w = mbar.weights(t);
            double[] em = Mbar.moments(w, mbar.energies());
            double[] pm = Mbar.moments(w, psi);
            out[0][g] = em[0];
            out[1][g] = em[1] / (t * t);
            out[2][g] = pm[0];
            out[3][g] = n * pm[1] / t;
        }
        return out;
    }

    /** S(T) - S(T_0) = int C/T dT by the trapezoid rule on the grid. */
    public static double[] entropy(double[] t, double[] c) {
        double[] s = new double[t.length];
        for (int g = 1; g < t.length; g++) {
            s[g] = s[g - 1] + 0.5 * (c[g] / t[g] + c[g - 1] / t[g - 1]) * (t[g] - t[g - 1]);
        }
        return s;
    }

    static double[] concat(double[][] parts) {
        int n = 0;
        for (double[] p : parts) n += p.length;
        double[] out = new double[n];
        int at = 0;
        for (double[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
