package org.calorimeter.core.fit;

import java.util.Arrays;

/**
 * The two ways a 95% interval is formed from bootstrap replicates, in one place. Every fit row's {@code method} ends
 * with the label of the one it used, so {@code ci_low}/{@code ci_high} say what they are:
 * <ul>
 *   <li>{@link #percentile}: the 2.5% and 97.5% points of the replicates (linear interpolation between order
 *       statistics, R's type 7). For quantities with a skewed or discrete bootstrap distribution: peak positions and
 *       heights, the capacity-optimal width, pointwise bands.</li>
 *   <li>{@link #normal}: estimate ± q·sd(replicates), q = Student's t on {@code dof} degrees of freedom when the
 *       bootstrap resamples only dof + 1 independent units, else 1.96. For smooth parameters (exponents, collapse
 *       parameters), where tens of replicates put the percentiles on one or two values each.</li>
 * </ul>
 * Power laws fitted by weighted least squares, and estimates with a propagated error (KL from the prior), use their
 * standard error ({@link #standardError}: estimate ± 1.96 SE).
 */
public final class Intervals {
    private Intervals() {}

    public static final String PERCENTILE_LABEL = "95% interval: bootstrap 2.5/97.5 percentiles";

    /** A bootstrap interval: the replicates' standard deviation and the bounds. */
    public record Interval(double sd, double low, double high, String label) {}

    /** The q-quantile of sorted values, linear between order statistics (R type 7); NaN when empty. */
    public static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) return Double.NaN;
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    /** The 2.5% and 97.5% percentiles of the replicates (not sorted in place). */
    public static Interval percentile(double[] boot) {
        double[] s = boot.clone();
        Arrays.sort(s);
        return new Interval(sd(s), quantile(s, 0.025), quantile(s, 0.975), PERCENTILE_LABEL);
    }

    /** estimate ± q·sd(replicates), q = t(dof) for dof > 0, else 1.96. */
    public static Interval normal(double estimate, double[] boot, int dof) {
        double sd = sd(boot);
        double q = dof > 0 ? new org.apache.commons.math3.distribution.TDistribution(dof)
                .inverseCumulativeProbability(0.975) : PowerLawFit.Z95;
        return new Interval(sd, estimate - q * sd, estimate + q * sd,
                dof > 0 ? "95% interval: estimate +- t(" + dof + ") bootstrap sd" : "95% interval: estimate +- 1.96 "
                        + "bootstrap sd");
    }

    /** estimate ± 1.96 standard errors, for an estimate with a propagated error and no bootstrap. */
    public static Interval standardError(double estimate, double se) {
        return new Interval(se, estimate - PowerLawFit.Z95 * se, estimate + PowerLawFit.Z95 * se,
                "95% interval: estimate +- 1.96 standard errors");
    }

    /** Sample standard deviation (n - 1). */
    public static double sd(double[] x) {
        double m = 0;
        for (double v : x) m += v / x.length;
        double v = 0;
        for (double e : x) v += (e - m) * (e - m) / Math.max(1, x.length - 1);
        return Math.sqrt(v);
    }
}
