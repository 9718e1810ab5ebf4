package org.calorimeter.core.estimator;

import java.util.Arrays;

/**
 * The multistate Bennett acceptance ratio (Shirts and Chodera 2008), equivalently Ferrenberg and Swendsen's multiple
 * histograms without binning, for one energy function sampled at K temperatures: the dimensionless free energies f_k
 * solve f_k = -ln sum_n exp(-beta_k E_n) / sum_j N_j exp(f_j - beta_j E_n), by self-consistent iteration in
 * logarithms (f_0 = 0). Then any temperature T in the sampled range is reached by reweighting every sample with
 * w_n(T) ~ exp(-E_n/T) / sum_j N_j exp(f_j - beta_j E_n). Estimators see arrays only, never the sampler.
 */
public final class Mbar {
    /** Stop when no f_k changes by more than this (in units of kT) between iterations. */
    static final double TOLERANCE = 1e-10;
    /** Converged when every state's weights sum to 1 within this (the relative gradient of the objective). */
    static final double GRADIENT_TOLERANCE = 1e-9;
    /**
     * Newton steps at most. Line-searched Newton on a convex objective converges quadratically once near; 200 steps
     * is generous (a well-posed line takes under 20) and bounds a pathological one to seconds, ending not converged.
     */
    static final int MAX_NEWTON = 200;

    private final double[] beta;
    private final int[] counts;
    private final double[] energy;
    private final double[] f;
    private final double[] logDenominator;
    private final int iterations;
    private final boolean converged;

    private Mbar(double[] beta, int[] counts, double[] energy, double[] f, double[] logDenominator, int iterations,
                 boolean converged) {
        this.converged = converged;
        this.beta = beta;
        this.counts = counts;
        this.energy = energy;
        this.f = f;
        this.logDenominator = logDenominator;
        this.iterations = iterations;
    }

    /** Solves for the free energies from the energies sampled at each temperature ({@code start}: initial f or null). */
    public static Mbar solve(double[] temperatures, double[][] energies, double[] start) {
        return solve(temperatures, energies, start, MAX_NEWTON);
    }

    /** As above with at most {@code maxNewton} Newton steps (tests reach the cap with a small one). */
    static Mbar solve(double[] temperatures, double[][] energies, double[] start, int maxNewton) {
        int k = temperatures.length;
        if (energies.length != k) {
            throw new IllegalArgumentException("inconsistent state counts: " + k + " != " + energies.length);
        }
        double[] beta = new double[k];
        int[] counts = new int[k];
        int n = 0;
        for (int j = 0; j < k; j++) {
            beta[j] = 1.0 / temperatures[j];
            counts[j] = energies[j].length;
            n += counts[j];
        }
        double[] e = new double[n];
        int at = 0;
        for (double[] s : energies) {
            System.arraycopy(s, 0, e, at, s.length);
            at += s.length;
        }
        double[] logN = new double[k];
        for (int j = 0; j < k; j++) logN[j] = counts[j] > 0 ? Math.log(counts[j]) : Double.NEGATIVE_INFINITY;
        double[] f = start != null ? start.clone() : new double[k];
        double[] logD = new double[n];
        double[] terms = new double[k];
        // A few self-consistent iterations bring f near the solution (robust from any start); Newton-Raphson on
        // MBAR's convex objective then converges quadratically (Shirts and Chodera 2008, section on solvers).
        int it = 0;
        double[] next = new double[k];
        for (int warm = 0; warm < (start != null ? 2 : 20); warm++, it++) {
            denominators(f, logN, beta, e, logD, terms);
            selfConsistent(f, beta, e, logD, next);
            System.arraycopy(next, 0, f, 0, k);
        }
        double[][] w = new double[k][n];
        boolean converged = k == 1;
        double objective = objective(f, logN, beta, e, logD, terms, counts);
        int newton = 0;
        for (; newton < maxNewton && !converged; newton++, it++) {
            // W_nk = exp(f_k - beta_k E_n - log D_n); gradient g_k = N_k (sum_n W_nk - 1) (logD is current).
            double[] g = new double[k];
            double gradient = 0;
            for (int j = 0; j < k; j++) {
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    w[j][i] = Math.exp(f[j] - beta[j] * e[i] - logD[i]);
                    sum += w[j][i];
                }
                g[j] = counts[j] * (sum - 1);
                if (j > 0) gradient = Math.max(gradient, Math.abs(sum - 1));
            }
            if (gradient < GRADIENT_TOLERANCE) {
                converged = true;
                break;
            }
            // Hessian H_jl = N_j delta_jl sum_n W_nj - N_j N_l sum_n W_nj W_nl, on states 1..K-1 (f_0 = 0 fixed).
            int m = k - 1;
            double[][] h = new double[m][m];
            for (int a = 1; a < k; a++) {
                for (int c = a; c < k; c++) {
                    double sum = 0;
                    for (int i = 0; i < n; i++) sum += w[a][i] * w[c][i];
                    double v = -counts[a] * (double) counts[c] * sum;
                    if (a == c) v += counts[a] * (g[a] / counts[a] + 1);
                    h[a - 1][c - 1] = v;
                    h[c - 1][a - 1] = v;
                }
            }
            double[] rhs = new double[m];
            for (int a = 1; a < k; a++) rhs[a - 1] = -g[a];
            double[] step = new double[k];
            try {
                double[] s = new org.apache.commons.math3.linear.LUDecomposition(
                        new org.apache.commons.math3.linear.Array2DRowRealMatrix(h, false)).getSolver()
                        .solve(new org.apache.commons.math3.linear.ArrayRealVector(rhs, false)).toArray();
                System.arraycopy(s, 0, step, 1, m);
            } catch (org.apache.commons.math3.linear.SingularMatrixException ex) {
                // A singular Hessian (states whose samples carry no weight): the steepest-descent direction instead.
                for (int a = 1; a < k; a++) step[a] = -g[a];
            }
            double slope = 0;
            for (int a = 1; a < k; a++) slope += g[a] * step[a];
            if (!(slope < 0)) {                                // not a descent direction (rounding): steepest descent
                slope = 0;
                for (int a = 1; a < k; a++) {
                    step[a] = -g[a];
                    slope -= g[a] * g[a];
                }
            }
            // Backtracking line search on MBAR's convex objective (Armijo): the full Newton step when it decreases the
            // objective enough, otherwise halved; no fixed damping, so free energies 10^4 kT apart are reached in a
            // few steps instead of 10^4.
            double[] trial = new double[k];
            double alpha = 1;
            double accepted = Double.NaN;
            for (int halving = 0; halving < 60; halving++, alpha /= 2) {
                for (int j = 0; j < k; j++) trial[j] = f[j] + alpha * step[j];
                double value = objective(trial, logN, beta, e, logD, terms, counts);
                if (value <= objective + 1e-4 * alpha * slope + 1e-13 * Math.abs(objective)) {
                    accepted = value;
                    break;
                }
            }
            if (Double.isNaN(accepted)) {
                denominators(f, logN, beta, e, logD, terms);   // no step decreased the objective: stop where f is
                break;
            }
            double change = 0;
            for (int a = 1; a < k; a++) change = Math.max(change, Math.abs(trial[a] - f[a]));
            System.arraycopy(trial, 0, f, 0, k);
            objective = accepted;                              // logD now belongs to the accepted f
            if (change < TOLERANCE) converged = true;
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) terms[j] = logN[j] + f[j] - beta[j] * e[i];
            logD[i] = logSumExp(terms);
        }
        return new Mbar(beta, counts, e, f, logD, it, converged);
    }

    /**
     * MBAR's convex objective sum_n log D_n - sum_k N_k f_k (Shirts and Chodera 2008, eq. C6; its gradient is
     * g_k = N_k (sum_n W_nk - 1)); fills logD for f.
     */
    private static double objective(double[] f, double[] logN, double[] beta, double[] e, double[] logD,
                                    double[] terms, int[] counts) {
        denominators(f, logN, beta, e, logD, terms);
        double sum = 0;
        for (double v : logD) sum += v;
        for (int j = 0; j < f.length; j++) sum -= counts[j] * f[j];
        return sum;
    }

    private static void denominators(double[] f, double[] logN, double[] beta, double[] e, double[] logD,
                                     double[] terms) {
        for (int i = 0; i < e.length; i++) {
            for (int j = 0; j < f.length; j++) terms[j] = logN[j] + f[j] - beta[j] * e[i];
            logD[i] = logSumExp(terms);
        }
    }

    /** One self-consistent update f_k = -ln sum_n exp(-beta_k E_n - log D_n), shifted so that f_0 = 0. */
    private static void selfConsistent(double[] f, double[] beta, double[] e, double[] logD, double[] next) {
        for (int j = 0; j < f.length; j++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < e.length; i++) max = Math.max(max, -beta[j] * e[i] - logD[i]);
            double sum = 0;
            for (int i = 0; i < e.length; i++) sum += Math.exp(-beta[j] * e[i] - logD[i] - max);
            next[j] = -(max + Math.log(sum));
        }
        double shift = next[0];
        for (int j = 0; j < f.length; j++) next[j] -= shift;
    }

    static double logSumExp(double[] x) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : x) max = Math.max(max, v);
        if (max == Double.NEGATIVE_INFINITY) return max;
        double sum = 0;
        for (double v : x) sum += Math.exp(v - max);
        return max + Math.log(sum);
    }

    public double[] freeEnergies() {
        return f.clone();
    }

    public int iterations() {
        return iterations;
    }

    /** Whether the free energies solve MBAR's equations (false: the iteration cap or a failed line search ended it). */
    public boolean converged() {
        return converged;
    }

    /** Normalised weights of every sample (in concatenation order) at temperature T. */
    public double[] weights(double temperature) {
        double b = 1.0 / temperature;
        int n = energy.length;
        double[] w = new double[n];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            w[i] = -b * energy[i] - logDenominator[i];
            max = Math.max(max, w[i]);
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            w[i] = Math.exp(w[i] - max);
            sum += w[i];
        }
        for (int i = 0; i < n; i++) w[i] /= sum;
        return w;
    }

    /** Reweighted mean and variance of E at T: {<E>, Var(E)}. */
    public double[] energyMoments(double temperature) {
        return moments(weights(temperature), energy);
    }

    /** Weighted mean and variance of an observable (per sample, same order as the energies). */
    public static double[] moments(double[] w, double[] x) {
        double mean = 0;
        for (int i = 0; i < w.length; i++) mean += w[i] * x[i];
        double var = 0;
        for (int i = 0; i < w.length; i++) {
            double d = x[i] - mean;
            var += w[i] * d * d;
        }
        return new double[] {mean, var};
    }

    /**
     * The overlap between sampled states a and b: O_ab = N_b sum_n W_na W_nb with W_nk = exp(f_k - beta_k E_n) / D_n
     * (Shirts and Chodera's overlap matrix; 0 for disjoint samples). Below about 0.03 reweighting between a and b
     * rests on a handful of samples.
     */
    public double overlap(int a, int b) {
        double sum = 0;
        for (int i = 0; i < energy.length; i++) {
            double wa = Math.exp(f[a] - beta[a] * energy[i] - logDenominator[i]);
            double wb = Math.exp(f[b] - beta[b] * energy[i] - logDenominator[i]);
            sum += wa * wb;
        }
        return counts[b] * sum;
    }

    /** Every sample's energy, states concatenated in order (a read-only view). */
    public double[] energies() {
        return energy;
    }

}
