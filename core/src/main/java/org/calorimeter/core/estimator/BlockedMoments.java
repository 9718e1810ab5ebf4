package org.calorimeter.core.estimator;

import java.util.ArrayList;
import java.util.List;

/**
 * Moments of a vector series kept in {@value #BLOCKS} blocks whose first-half boundaries are exactly the candidate
 * starts of {@link Equilibration}, so that once the equilibration point is known the blocks after it merge into the
 * statistics of the equilibrated samples (no samples are stored). The blocks also serve as jackknife units.
 */
public final class BlockedMoments {
    public static final int BLOCKS = 2 * Equilibration.CANDIDATES;

    private final int[] bounds = new int[BLOCKS + 1];
    private final Moments[] blocks = new Moments[BLOCKS];
    private int current;

    /** For a series of {@code n} samples of dimension {@code dim}. */
    public BlockedMoments(int n, int dim) {
        int half = n / 2;
        for (int k = 0; k <= Equilibration.CANDIDATES; k++) bounds[k] = Equilibration.candidate(k, n);
        for (int j = 1; j <= Equilibration.CANDIDATES; j++) {
            bounds[Equilibration.CANDIDATES + j] = (int) (half + (long) j * (n - half) / Equilibration.CANDIDATES);
        }
        for (int b = 0; b < BLOCKS; b++) blocks[b] = new Moments(dim);
    }

    /** Adds sample {@code index}; indices must arrive in increasing order. */
    public void add(int index, double[] x) {
        while (index >= bounds[current + 1]) current++;
        blocks[current].add(x);
    }

    /** The non-empty blocks from sample {@code start} on ({@code start} must be an equilibration candidate). */
    public List<Moments> from(int start) {
        List<Moments> out = new ArrayList<>();
        for (int b = 0; b < BLOCKS; b++) {
            if (bounds[b] >= start && blocks[b].count() > 0) out.add(blocks[b]);
        }
        return out;
    }

    /**
     * The trace of the covariance of the union of {@code parts}, with its delete-one-block jackknife error. Blocks
     * must be longer than the series' correlation time for the error to hold (with 40 blocks of a 20 000-sample chain,
     * tau_int up to about 100).
     */
    public static Estimate totalVariance(List<Moments> parts) {
        int m = parts.size();
        if (m == 0) return Estimate.NONE;
        Moments all = parts.get(0).copy();
        for (int j = 1; j < m; j++) all.merge(parts.get(j));
        double value = all.totalVariance();
        if (m < 2) return new Estimate(value, Double.NaN);
        double[] leaveOut = new double[m];
        double mean = 0;
        for (int j = 0; j < m; j++) {
            Moments rest = null;
            for (int k = 0; k < m; k++) {
                if (k == j) continue;
                rest = rest == null ? parts.get(k).copy() : rest.merge(parts.get(k));
            }
            leaveOut[j] = rest.totalVariance();
            mean += leaveOut[j] / m;
        }
        double ss = 0;
        for (double v : leaveOut) ss += (v - mean) * (v - mean);
        return new Estimate(value, Math.sqrt((m - 1.0) / m * ss));
    }
}
