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
 *
 * <p>The window misses a slow mode whose weight in Gamma(t) is small at the lags it sums (a chain that visits
 * basins, or an ensemble that replica exchange reshuffles slowly): tau_int then describes the fast modes and the
 * error is too small, in cells whose window was reached. So the error of the mean is also estimated by batch means
 * ({@value #BATCHES} batches over all chains, Flegal and Jones 2010), which sees every mode slower than a batch, and
 * the larger of the two is reported; the effective sample size follows from that error.
 */
public record Autocorrelation(int n, double mean, double variance, double tauInt, double tauIntError,
                              int window, boolean windowReached, double batchError) {
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

    /**
     * Batches of the batch-means error, over all chains together (at least 2 per chain): 32 keeps the error of the
     * error near 1/sqrt(2 * 31) = 13% while each batch still spans 1/32 of the run.
     */
    public static final int BATCHES = 32;

    /** Error of the mean: the larger of the Gamma-method's sqrt(2 tau_int Gamma(0) / n) and the batch-means error. */
    public double meanError() {
        double gamma = Math.sqrt(2.0 * tauInt * variance / n);
        return Double.isNaN(batchError) ? gamma : Math.max(gamma, batchError);
    }

    /** Effective sample size Gamma(0) / meanError^2 (n / (2 tau_int) when the Gamma-method's error is the larger). */
    public double ess() {
        double err = meanError();
        return variance / (err * err);
    }

    /** The Gamma-method's effective sample size n / (2 tau_int), without the batch-means check. */
    public double gammaEss() {
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
            return new Autocorrelation(n, mean, 0.0, Double.NaN, Double.NaN, 0, false, Double.NaN);
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
        return new Autocorrelation(n, mean, g0, tau, tauErr, window, reached, batchError(chains, mean));
    }

    /**
     * The batch-means error of the pooled mean: each chain cut into max(2, BATCHES / chains) contiguous batches (sizes
     * differ by at most one), and the variance of the mean over all n samples estimated from the spread of the batch
     * means around the pooled mean, sum_b n_b^2 (m_b - mean)^2 / n^2, times B / (B - 1). NaN when a batch would hold
     * fewer than 2 samples.
     */
    static double batchError(double[][] chains, double mean) {
        int per = Math.max(2, BATCHES / chains.length);
        double sum = 0.0;
        long n = 0;
        int batches = 0;
        for (double[] x : chains) {
            if (x.length < 2 * per) return Double.NaN;
            for (int b = 0; b < per; b++) {
                int from = (int) ((long) x.length * b / per);
                int to = (int) ((long) x.length * (b + 1) / per);
                double m = 0.0;
                for (int i = from; i < to; i++) m += x[i];
                int size = to - from;
                m /= size;
                sum += (double) size * size * (m - mean) * (m - mean);
                batches++;
            }
            n += x.length;
        }
        return Math.sqrt(sum / ((double) n * n) * batches / (batches - 1.0));
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
