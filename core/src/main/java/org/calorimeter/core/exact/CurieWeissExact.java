package org.calorimeter.core.exact;

import org.apache.commons.math3.util.CombinatoricsUtils;

/**
 * The Curie-Weiss ferromagnet E = -M^2/(2N) at finite N, exactly, from the sum over magnetisations
 * M = N - 2k with multiplicity binomial(N, k): Z = sum_k C(N,k) exp(M^2 / (2 N T)).
 */
public final class CurieWeissExact {
    private CurieWeissExact() {}

    /** Exact thermal averages at (N, T): the heat capacity C = Var(E)/T^2 of the whole system, psi = <|M|>/N, chi. */
    public record Values(double energy, double heatCapacity, double psi, double susceptibility) {}

    public static Values at(int n, double temperature) {
        double[] logw = new double[n + 1];
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k <= n; k++) {
            double m = n - 2.0 * k;
            logw[k] = CombinatoricsUtils.binomialCoefficientLog(n, k) + m * m / (2.0 * n * temperature);
            max = Math.max(max, logw[k]);
        }
        double z = 0, e = 0, e2 = 0, a = 0, a2 = 0;
        for (int k = 0; k <= n; k++) {
            double w = Math.exp(logw[k] - max);
            double m = n - 2.0 * k;
            double energy = -m * m / (2.0 * n);
            double abs = Math.abs(m) / n;
            z += w;
            e += w * energy;
            e2 += w * energy * energy;
            a += w * abs;
            a2 += w * abs * abs;
        }
        e /= z;
        e2 /= z;
        a /= z;
        a2 /= z;
        return new Values(e, (e2 - e * e) / (temperature * temperature), a, n * (a2 - a * a) / temperature);
    }
}
