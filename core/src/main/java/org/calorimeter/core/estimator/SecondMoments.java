package org.calorimeter.core.estimator;

import java.io.Serializable;

/**
 * The uncentred second moment &lt;x x^T&gt; of a vector series, kept as the packed upper triangle of sum x x^T and a
 * count: mergeable (the merge of two equals the accumulator of their union, up to rounding), O(d^2/2) per sample.
 * The Fisher information of p_T is this moment of the score grad U (observable.FisherSpectrum).
 */
public final class SecondMoments implements Serializable {
    private final int dim;
    private final double[] sums;
    private long count;

    public SecondMoments(int dim) {
        this.dim = dim;
        this.sums = new double[dim * (dim + 1) / 2];
    }

    public void add(double[] x) {
        if (x.length != dim) throw new IllegalArgumentException("inconsistent dimensions: " + x.length + " != " + dim);
        int k = 0;
        for (int i = 0; i < dim; i++) {
            double xi = x[i];
            for (int j = i; j < dim; j++) sums[k++] += xi * x[j];
        }
        count++;
    }

    /** Adds another accumulator's samples into this one. */
    public void merge(SecondMoments other) {
        if (other.dim != dim) throw new IllegalArgumentException("inconsistent dimensions: " + other.dim + " != " + dim);
        for (int k = 0; k < sums.length; k++) sums[k] += other.sums[k];
        count += other.count;
    }

    public long count() {
        return count;
    }

    public int dim() {
        return dim;
    }

    /** The symmetric matrix &lt;x x^T&gt; (NaN entries when empty). */
    public double[][] mean() {
        double[][] m = new double[dim][dim];
        int k = 0;
        for (int i = 0; i < dim; i++) {
            for (int j = i; j < dim; j++) {
                m[i][j] = sums[k++] / count;
                m[j][i] = m[i][j];
            }
        }
        return m;
    }
}
