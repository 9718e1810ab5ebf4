package org.calorimeter.core.estimator;

/**
 * Heat capacity from energy fluctuations, C = Var_T(E) / T^2, with an error that accounts for the
 * autocorrelation of the variance estimator itself (Gamma-method on the derived series): Var(E) is the mean
 * of q_t = (E_t - mean E)^2, so its error is that of the mean of q, with q's own tau_int.
 * The first-order correction for the estimated mean is the factor n/(n-1).
 */
public final class FluctuationEstimator {
    private FluctuationEstimator() {}

    public record Result(Autocorrelation energy, Estimate variance, Autocorrelation squares, Estimate heatCapacity) {}

    public static Result of(double[] energies, double temperature) {
        Autocorrelation e = Autocorrelation.of(energies);
        int n = energies.length;
        double[] q = new double[n];
        for (int i = 0; i < n; i++) {
            double dev = energies[i] - e.mean();
            q[i] = dev * dev;
        }
        Autocorrelation sq = Autocorrelation.of(q);
        double bessel = n / (n - 1.0);
        Estimate variance = new Estimate(sq.mean() * bessel, sq.meanError() * bessel);
        return new Result(e, variance, sq, variance.times(1.0 / (temperature * temperature)));
    }
}
