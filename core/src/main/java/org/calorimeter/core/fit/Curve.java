package org.calorimeter.core.fit;

import java.io.Serializable;
import org.calorimeter.core.estimator.ReplicaAverage;

/**
 * C(T) on a temperature grid for R replicas (independent teachers and data sets): {@code value[r][t]} with the chains'
 * one-sigma errors {@code error[r][t]}; temperatures ascending. Replicas shift a whole curve together, so analyses
 * pair values by replica rather than treating the errors of the replica-averaged curve as independent.
 */
public record Curve(double[] temperature, double[][] value, double[][] error) implements Serializable {
    public Curve {
        if (value.length == 0 || value.length != error.length) {
            throw new IllegalArgumentException("inconsistent replica counts: " + value.length + " != " + error.length);
        }
        for (int r = 0; r < value.length; r++) {
            if (value[r].length != temperature.length || error[r].length != temperature.length) {
                throw new IllegalArgumentException("inconsistent curve lengths: " + temperature.length + " != "
                        + value[r].length + " != " + error[r].length);
            }
        }
        for (int i = 1; i < temperature.length; i++) {
            if (!(temperature[i] > temperature[i - 1])) {
                throw new IllegalArgumentException("temperatures must ascend: " + temperature[i - 1] + " >= "
                        + temperature[i]);
            }
        }
    }

    /** A curve of one replica. */
    public static Curve single(double[] temperature, double[] value, double[] error) {
        return new Curve(temperature, new double[][] {value}, new double[][] {error});
    }

    public int size() {
        return temperature.length;
    }

    public int replicas() {
        return value.length;
    }

    /** The replica-averaged curve. */
    public double[] mean() {
        double[] m = new double[size()];
        for (double[] v : value) for (int t = 0; t < m.length; t++) m[t] += v[t] / replicas();
        return m;
    }

    /**
     * The standard error of mean(t_a) - mean(t_b) (a single point when b < 0), paired by replica
     * ({@link ReplicaAverage} of the per-replica differences).
     */
    public double differenceError(int a, int b) {
        int n = replicas();
        double[] d = new double[n];
        double[] e = new double[n];
        for (int r = 0; r < n; r++) {
            d[r] = value[r][a] - (b < 0 ? 0 : value[r][b]);
            e[r] = b < 0 ? error[r][a] : Math.hypot(error[r][a], error[r][b]);
        }
        return ReplicaAverage.of(d, e).error();
    }
}
