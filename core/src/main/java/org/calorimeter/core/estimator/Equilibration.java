package org.calorimeter.core.estimator;

/**
 * Automatic equilibration detection (Chodera, J. Chem. Theory Comput. 12 (2016) 1799): the start t0 that maximises
 * the effective number of samples left, (n - t0) / (2 tau_int of x[t0..n)). A transient from the starting point
 * inflates tau_int and the variance of the whole series, so cutting it raises the ESS; cutting stationary samples
 * only lowers it.
 *
 * <p>pymbar scans every t0 at O(n) each, O(n^2) in all. Here t0 runs over {@value #CANDIDATES} + 1 evenly spaced
 * candidates from 0 to n/2 (never more than half the chain is discarded), each with the FFT-based Gamma-method:
 * O(n log n) for the whole scan. Ties keep the earliest start.
 */
public record Equilibration(int start, double ess) {
    /** Candidate starts beyond 0: the resolution of the cut is n / 40. */
    public static final int CANDIDATES = 20;

    public static Equilibration detect(double[] x) {
        int n = x.length;
        int best = 0;
        double bestEss = ess(x, 0);
        for (int k = 1; k <= CANDIDATES; k++) {
            int t0 = candidate(k, n);
            double e = ess(x, t0);
            if (e > bestEss) {
                bestEss = e;
                best = t0;
            }
        }
        return new Equilibration(best, bestEss);
    }

    /** Candidate start k (0..CANDIDATES) of a series of n samples: k (n/2) / CANDIDATES. */
    public static int candidate(int k, int n) {
        return (int) ((long) k * (n / 2) / CANDIDATES);
    }

    private static double ess(double[] x, int t0) {
        Autocorrelation a = Autocorrelation.of(java.util.Arrays.copyOfRange(x, t0, x.length));
        // The Gamma-method's ESS: the batch-means error is too noisy on the shorter segments to rank the candidates.
        return Double.isNaN(a.tauInt()) ? 0.0 : a.gammaEss();
    }
}
