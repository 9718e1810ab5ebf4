package org.calorimeter.core.estimator;

/**
 * Heat capacity from energy fluctuations, C = Var_T(E) / T^2, with an error that accounts for the
 * autocorrelation of the variance estimator itself (Gamma-method on the derived series): Var(E) is the mean
 * of q_t = (E_t - mean E)^2, so its error is that of the mean of q, with q's own tau_int.
 * The first-order correction for the estimated mean is the factor n/(n-1).
 */
public final class FluctuationEstimator {
    private FluctuationEstimator() {}

    public record Result(Autocorrelation energy, Estimate variance, Autocorrelation squares, Estimate heatCapacity,
                         double[][] squareSeries) {}

    public static Result of(double[] energies, double temperature) {
        return of(new double[][] {energies}, temperature);
    }

    /** Over independent chains: one mean, the variance of all samples around it (so modes apart add to it). */
    public static Result of(double[][] chains, double temperature) {
        Autocorrelation e = Autocorrelation.of(chains);
        int n = e.n();
        double[][] q = new double[chains.length][];
        for (int r = 0; r < chains.length; r++) {
            q[r] = new double[chains[r].length];
            for (int i = 0; i < q[r].length; i++) {
                double dev = chains[r][i] - e.mean();
                q[r][i] = dev * dev;
            }
        }
        Autocorrelation sq = Autocorrelation.of(q);
        double bessel = n / (n - 1.0);
        Estimate variance = new Estimate(sq.mean() * bessel, sq.meanError() * bessel);
        return new Result(e, variance, sq, variance.times(1.0 / (temperature * temperature)), q);
    }
}
