package org.calorimeter.core.estimator;

import java.util.Arrays;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Rank-normalised split-R-hat (Vehtari, Gelman, Simpson, Carpenter and Buerkner, Bayesian Analysis 16 (2021) 667).
 * Each chain is split in halves (so one chain's drift shows too), all draws are replaced by the normal scores of
 * their ranks, and the classic potential scale reduction sqrt(((N-1)/N W + B/N) / W) is computed; the same is done
 * for the folded draws |x - median| (scale and tails), and R-hat is the larger. Chains of unequal length are cut to
 * the shortest, keeping their ends (the part furthest from the start). 1 means the halves agree; Vehtari et al.
 * recommend trusting results only below {@value #THRESHOLD}.
 */
public final class RHat {
    public static final double THRESHOLD = 1.01;
    private static final NormalDistribution NORMAL = new NormalDistribution(null, 0.0, 1.0);

    private RHat() {}

    public static double of(double[][] chains) {
        int length = Integer.MAX_VALUE;
        for (double[] c : chains) length = Math.min(length, c.length);
        int half = length / 2;
        if (half < 2) return Double.NaN;
        double[][] split = new double[2 * chains.length][];
        for (int r = 0; r < chains.length; r++) {
            double[] c = chains[r];
            int end = c.length;
            split[2 * r] = Arrays.copyOfRange(c, end - 2 * half, end - half);
            split[2 * r + 1] = Arrays.copyOfRange(c, end - half, end);
        }
        double bulk = classic(rankNormalised(split));
        double median = median(split);
        double[][] folded = new double[split.length][half];
        for (int m = 0; m < split.length; m++) {
            for (int i = 0; i < half; i++) folded[m][i] = Math.abs(split[m][i] - median);
        }
        double tail = classic(rankNormalised(folded));
        return Math.max(bulk, tail);
    }

    /** sqrt(((N-1)/N W + B/N) / W) for M chains of N draws; NaN when the draws do not vary within chains. */
    static double classic(double[][] chains) {
        int m = chains.length;
        int n = chains[0].length;
        double[] means = new double[m];
        double w = 0;
        double grand = 0;
        for (int j = 0; j < m; j++) {
            double mean = 0;
            for (double v : chains[j]) mean += v;
            mean /= n;
            double var = 0;
            for (double v : chains[j]) var += (v - mean) * (v - mean);
            w += var / (n - 1);
            means[j] = mean;
            grand += mean;
        }
        w /= m;
        grand /= m;
        double bOverN = 0;
        for (double mean : means) bOverN += (mean - grand) * (mean - grand);
        bOverN /= (m - 1);
        if (!(w > 0)) return Double.NaN;
        return Math.sqrt(((n - 1.0) / n * w + bOverN) / w);
    }

    /** Normal scores Phi^-1((rank - 3/8) / (S + 1/4)) of the pooled ranks (ties share their average rank). */
    static double[][] rankNormalised(double[][] chains) {
        int m = chains.length;
        int n = chains[0].length;
        int total = m * n;
        double[] sorted = new double[total];
        for (int j = 0; j < m; j++) System.arraycopy(chains[j], 0, sorted, j * n, n);
        Arrays.sort(sorted);
        double[][] out = new double[m][n];
        for (int j = 0; j < m; j++) {
            for (int i = 0; i < n; i++) {
                // Ties share their average rank: (first + last occurrence) / 2, 1-based.
                double v = chains[j][i];
                double rank = (first(sorted, v) + last(sorted, v)) / 2.0 + 1.0;
                out[j][i] = NORMAL.inverseCumulativeProbability((rank - 0.375) / (total + 0.25));
            }
        }
        return out;
    }

    private static int first(double[] a, double v) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Double.compare(a[mid], v) < 0) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private static int last(double[] a, double v) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Double.compare(a[mid], v) <= 0) lo = mid + 1;
            else hi = mid;
        }
        return lo - 1;
    }

    private static double median(double[][] chains) {
        double[] all = Arrays.stream(chains).flatMapToDouble(Arrays::stream).sorted().toArray();
        int k = all.length;
        return k % 2 == 1 ? all[k / 2] : 0.5 * (all[k / 2 - 1] + all[k / 2]);
    }
}
