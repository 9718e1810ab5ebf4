package org.calorimeter.core.estimator;

import java.util.Arrays;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;

/**
 * Do the halves of the chains agree within their own error bars? Each chain is split in halves (end-aligned, as for
 * {@link RHat}); each half's mean gets its error (Gamma-method and batch means, {@link Autocorrelation#meanError});
 * chi^2 = sum_j (m_j - m)^2 / e_j^2 about the error-weighted mean m has 2k - 1 degrees of freedom if the errors are
 * right. The p-value answers the question R-hat cannot: whether a disagreement between halves is larger than the
 * reported errors allow (R-hat compares it with the spread of the draws, so at a few hundred effective samples a
 * stationary chain exceeds 1.01 about one time in twenty).
 */
public final class SplitHalves {
    private SplitHalves() {}

    /** The p-value of the halves' agreement; NaN when a half is too short or has no error. */
    public static double pValue(double[][] chains) {
        int length = Integer.MAX_VALUE;
        for (double[] c : chains) length = Math.min(length, c.length);
        int half = length / 2;
        if (half < 2 * Autocorrelation.BATCHES) return Double.NaN;
        int m = 2 * chains.length;
        double[] mean = new double[m];
        double[] err = new double[m];
        for (int r = 0; r < chains.length; r++) {
            double[] c = chains[r];
            int end = c.length;
            for (int h = 0; h < 2; h++) {
                Autocorrelation a = Autocorrelation.of(Arrays.copyOfRange(c, end - (2 - h) * half, end - (1 - h) * half));
                mean[2 * r + h] = a.mean();
                err[2 * r + h] = a.meanError();
            }
        }
        double w = 0;
        double wm = 0;
        for (int j = 0; j < m; j++) {
            if (!(err[j] > 0)) return Double.NaN;
            w += 1 / (err[j] * err[j]);
            wm += mean[j] / (err[j] * err[j]);
        }
        double grand = wm / w;
        double chi2 = 0;
        for (int j = 0; j < m; j++) chi2 += (mean[j] - grand) * (mean[j] - grand) / (err[j] * err[j]);
        return 1.0 - new ChiSquaredDistribution(null, m - 1).cumulativeProbability(chi2);
    }
}
