package org.calorimeter.core.estimator;

import org.apache.commons.math3.complex.Complex;
import org.apache.commons.math3.transform.DftNormalization;
import org.apache.commons.math3.transform.FastFourierTransformer;
import org.apache.commons.math3.transform.TransformType;

/**
 * Wolff's Gamma-method (Comput. Phys. Commun. 156 (2004) 143) for one series: the autocovariance Gamma(t)
 * by FFT in O(n log n), the integrated autocorrelation time with Sokal's automatic window, Wolff's
 * correction for the bias of the estimated mean, and the error of the mean.
 *
 * <p>Window rule (Sokal 1997, as in emcee): the smallest W with W >= C * tau_int(W), C = {@value #WINDOW_C}.
 * If no W below n/2 satisfies it, the chain is too short for its own correlations: {@link #windowReached}
 * is false and tau_int is a lower bound.
 */
public record Autocorrelation(int n, double mean, double variance, double tauInt, double tauIntError,
                              int window, boolean windowReached) {
    /** Sokal's window constant: C = 5 keeps the window's truncation bias below e^-5 for an exponential decay. */
    public static final double WINDOW_C = 5.0;

    /**
     * Effective samples below which an error bar is not trusted: with fewer, the estimated mean of the series
     * soaks up its slow modes, Gamma(t) crosses zero early and tau_int is underestimated.
     */
    public static final double MIN_ESS = 20.0;

    /** Whether the window was reached and the ESS is at least {@link #MIN_ESS}: else errors are lower bounds. */
    public boolean reliable() {
        return windowReached && ess() >= MIN_ESS;
    }

    /** Error of the mean: sqrt(2 tau_int Gamma(0) / n). */
    public double meanError() {
        return Math.sqrt(2.0 * tauInt * variance / n);
    }

    /** Effective sample size n / (2 tau_int). */
    public double ess() {
        return n / (2.0 * tauInt);
    }

    public static Autocorrelation of(double[] x) {
        return of(new double[][] {x});
    }

    /**
     * The Gamma-method over independent chains of the same process (Wolff 2004, replicas): one mean over all samples,
     * Gamma(t) = sum over chains of sum_i (x_i - mean)(x_(i+t) - mean) / sum over chains of (n_r - t), one window,
     * and errors for the total sample count. Chains stuck in different modes show up as a large Gamma at all lags.
     */
    public static Autocorrelation of(double[][] chains) {
        int n = 0;
        int shortest = Integer.MAX_VALUE;
        double mean = 0.0;
        for (double[] x : chains) {
            n += x.length;
            shortest = Math.min(shortest, x.length);
            for (double v : x) mean += v;
        }
        if (shortest < 2) throw new IllegalArgumentException("a series needs at least 2 points: " + shortest);
        mean /= n;
        double[] sums = new double[shortest];
        double[] pairs = new double[shortest];
        for (double[] x : chains) {
            double[] c = lagSums(x, mean);
            for (int t = 0; t < shortest; t++) {
                sums[t] += c[t];
                pairs[t] += x.length - t;
            }
        }
        double[] gamma = new double[shortest];
        for (int t = 0; t < shortest; t++) gamma[t] = sums[t] / pairs[t];
        if (!(gamma[0] > 0.0)) {
            // A constant series carries no information about its own fluctuations.
            return new Autocorrelation(n, mean, 0.0, Double.NaN, Double.NaN, 0, false);
        }
        int maxWindow = shortest / 2;
        int window = maxWindow;
        boolean reached = false;
        double sum = 0.0;
        for (int t = 1; t <= maxWindow; t++) {
            sum += gamma[t];
            double tau = 0.5 + sum / gamma[0];
            if (t >= WINDOW_C * tau) {
                window = t;
                reached = true;
                break;
            }
        }
        // Wolff (2004) eq. (49): the estimated mean biases every Gamma(t) by about -C_F/n.
        double cf = gamma[0];
        for (int t = 1; t <= window; t++) cf += 2.0 * gamma[t];
        double g0 = gamma[0] + cf / n;
        double s = 0.0;
        for (int t = 1; t <= window; t++) s += gamma[t] + cf / n;
        double tau = Math.max(0.5 + s / g0, 0.5 / n);
        // Madras and Sokal (1988): var(tau) ~ 2(2W+1)/n tau^2.
        double tauErr = tau * Math.sqrt(2.0 * (2.0 * window + 1.0) / n);
        return new Autocorrelation(n, mean, g0, tau, tauErr, window, reached);
    }

    /** sum_i (x_i - mean)(x_(i+t) - mean) for t = 0..n-1, by zero-padded FFT. */
    static double[] lagSums(double[] x, double mean) {
        int n = x.length;
        int size = Integer.highestOneBit(Math.max(1, 2 * n - 1));
        if (size < 2 * n) size <<= 1;
        double[] re = new double[size];
        for (int i = 0; i < n; i++) re[i] = x[i] - mean;
        FastFourierTransformer fft = new FastFourierTransformer(DftNormalization.STANDARD);
        Complex[] f = fft.transform(re, TransformType.FORWARD);
        for (int i = 0; i < size; i++) {
            double a = f[i].getReal();
            double b = f[i].getImaginary();
            f[i] = new Complex(a * a + b * b, 0.0);
        }
        Complex[] c = fft.transform(f, TransformType.INVERSE);
        double[] sums = new double[n];
        for (int t = 0; t < n; t++) sums[t] = c[t].getReal();
        return sums;
    }
}
