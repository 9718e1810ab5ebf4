package org.calorimeter.core.estimator;

/**
 * The average of one quantity over R replicas (independent teachers and data sets), each with its chain error. The
 * error is the larger of the chains' own error of the mean, sqrt(sum err_r^2) / R, and (with R >= 2) the spread
 * between replicas, sd / sqrt(R), which also holds the data-set-to-data-set variation. The larger is taken because
 * with few replicas the spread is itself noisy and must not claim more precision than the chains support.
 *
 * <p>A replica without a chain error (NaN: a chain whose E never changed, e.g. a data set whose ground state a
 * low-temperature chain never leaves) still has a value; with R >= 2 it enters the mean and the spread, and the chain
 * term sums the replicas that have one. With every chain error missing and R = 1 the error is NaN.
 */
public final class ReplicaAverage {
    private ReplicaAverage() {}

    /** The mean and both error sources; {@code spread} is NaN with a single replica. */
    public record Parts(double mean, double stat, double spread) {
        /** The mean with the larger of the two errors. */
        public Estimate estimate() {
            return new Estimate(mean, Double.isNaN(spread) ? stat : Math.max(stat, spread));
        }
    }

    public static Estimate of(double[] values, double[] errors) {
        return parts(values, errors).estimate();
    }

    public static Parts parts(double[] values, double[] errors) {
        int n = values.length;
        if (n == 0 || errors.length != n) {
            throw new IllegalArgumentException("inconsistent replica counts: " + n + " != " + errors.length);
        }
        double mean = 0;
        double stat = 0;
        int known = 0;
        for (int r = 0; r < n; r++) {
            mean += values[r] / n;
            if (!Double.isNaN(errors[r])) {
                stat += errors[r] * errors[r];
                known++;
            }
        }
        double spread = Double.NaN;
        if (n >= 2) {
            double ss = 0;
            for (double v : values) ss += (v - mean) * (v - mean);
            spread = Math.sqrt(ss / ((n - 1.0) * n));
        }
        if (n == 1 && known == 0) return new Parts(mean, Double.NaN, spread);
        if (known == 0) return new Parts(mean, 0.0, spread);
        return new Parts(mean, Math.sqrt(stat) / n, spread);
    }
}
