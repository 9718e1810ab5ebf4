package org.calorimeter.core.estimator;

/**
 * The average of one quantity over R replicas (independent teachers and data sets), each with its chain error. The
 * error is the larger of the chains' own error of the mean, sqrt(sum err_r^2) / R, and (with R >= 2) the spread
 * between replicas, sd / sqrt(R), which also holds the data-set-to-data-set variation. The larger is taken because
 * with few replicas the spread is itself noisy and must not claim more precision than the chains support.
 */
public final class ReplicaAverage {
    private ReplicaAverage() {}

    public static Estimate of(double[] values, double[] errors) {
        int n = values.length;
        if (n == 0 || errors.length != n) {
            throw new IllegalArgumentException("inconsistent replica counts: " + n + " != " + errors.length);
        }
        double mean = 0;
        double stat = 0;
        for (int r = 0; r < n; r++) {
            mean += values[r] / n;
            stat += errors[r] * errors[r];
        }
        stat /= (double) n * n;
        double spread = 0;
        if (n >= 2) {
            for (double v : values) spread += (v - mean) * (v - mean);
            spread /= (n - 1.0) * n;
        }
        return new Estimate(mean, Math.sqrt(Math.max(stat, spread)));
    }
}
