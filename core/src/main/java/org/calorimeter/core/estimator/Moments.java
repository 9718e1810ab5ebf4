package org.calorimeter.core.estimator;

/**
 * Mergeable first and second moments of a vector-valued series (Welford's update, Chan, Golub and LeVeque's merge):
 * {@code a.merge(b)} equals the moments of the union of a's and b's samples, so blocks of a chain can be accumulated
 * separately and combined after the fact (a contract test checks it).
 */
public final class Moments {
    private long n;
    private final double[] mean;
    private final double[] m2;

    public Moments(int dim) {
        this.mean = new double[dim];
        this.m2 = new double[dim];
    }

    public void add(double[] x) {
        n++;
        for (int i = 0; i < mean.length; i++) {
            double delta = x[i] - mean[i];
            mean[i] += delta / n;
            m2[i] += delta * (x[i] - mean[i]);
        }
    }

    /** Adds {@code other}'s samples to this; returns this. */
    public Moments merge(Moments other) {
        if (other.mean.length != mean.length) {
            throw new IllegalArgumentException("inconsistent dimensions: " + mean.length + " != " + other.mean.length);
        }
        if (other.n == 0) return this;
        long total = n + other.n;
        for (int i = 0; i < mean.length; i++) {
            double delta = other.mean[i] - mean[i];
            mean[i] += delta * other.n / total;
            m2[i] += other.m2[i] + delta * delta * ((double) n * other.n / total);
        }
        n = total;
        return this;
    }

    public Moments copy() {
        return new Moments(mean.length).merge(this);
    }

    public long count() {
        return n;
    }

    public double mean(int i) {
        return mean[i];
    }

    /** Sample variance (n - 1 in the denominator) of component i. */
    public double variance(int i) {
        return m2[i] / (n - 1);
    }

    /** Sum over components of the sample variances: the trace of the covariance. */
    public double totalVariance() {
        double s = 0;
        for (double v : m2) s += v;
        return s / (n - 1);
    }
}
