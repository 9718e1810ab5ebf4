package org.calorimeter.core.exact;

import org.apache.commons.math3.util.CombinatoricsUtils;

/**
 * The high-temperature theory of the Ising perceptron learning a +-1 teacher (Seung, Sompolinsky and Tishby 1992,
 * section on the high-temperature limit): as T and D grow with alpha~ = D / (N T) fixed, the training error of a student
 * is replaced by its mean D eps(R), eps(R) = arccos(R)/pi, so the Gibbs measure depends on the overlap R alone. In the
 * limit N -> infinity, R minimises f(R) = alpha~ eps(R) - s(R), s(R) the entropy of +-1 vectors at overlap R.
 * At finite N the same measure is a finite sum over the number k of weights that differ from the teacher:
 * p(k) ~ C(N, k) exp(-(D/T) eps(1 - 2k/N)), which is what a finite-N simulation is compared against.
 */
public final class PerceptronHighT {
    private PerceptronHighT() {}

    public record Values(double overlap, double generalisationError) {}

    /** The finite-N high-temperature averages <R> and <eps(R)> at D examples and temperature T. */
    public static Values finite(int n, int dataSize, double temperature) {
        double[] logw = new double[n + 1];
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k <= n; k++) {
            double r = 1.0 - 2.0 * k / n;
            logw[k] = CombinatoricsUtils.binomialCoefficientLog(n, k) - dataSize / temperature * epsilon(r);
            max = Math.max(max, logw[k]);
        }
        double z = 0, r = 0, eps = 0;
        for (int k = 0; k <= n; k++) {
            double w = Math.exp(logw[k] - max);
            double rk = 1.0 - 2.0 * k / n;
            z += w;
            r += w * rk;
            eps += w * epsilon(rk);
        }
        return new Values(r / z, eps / z);
    }

    /** The N -> infinity limit: the global minimiser R of f(R) = alpha~ eps(R) - s(R) on [0, 1], and eps(R). */
    public static Values limit(double alphaTilde) {
        double best = 1.0;
        double fBest = 0.0;   // f(1) = 0: perfect generalisation, zero entropy
        int grid = 200_000;
        for (int i = 0; i < grid; i++) {
            double r = (double) i / grid;
            double f = alphaTilde * epsilon(r) - entropy(r);
            if (f < fBest) {
                fBest = f;
                best = r;
            }
        }
        return new Values(best, epsilon(best));
    }

    public static double epsilon(double r) {
        return Math.acos(Math.max(-1.0, Math.min(1.0, r))) / Math.PI;
    }

    /** Entropy per weight of +-1 vectors at overlap R with a fixed one. */
    static double entropy(double r) {
        double p = (1 + r) / 2;
        double q = (1 - r) / 2;
        return -(p > 0 ? p * Math.log(p) : 0) - (q > 0 ? q * Math.log(q) : 0);
    }
}
