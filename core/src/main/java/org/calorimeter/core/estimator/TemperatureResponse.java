package org.calorimeter.core.estimator;

/**
 * Heat capacity from the temperature response, C = d<E>/dT, along one line of temperatures (the same E(theta) at
 * every T: one model, data set and replica). At interior grid points the three-point derivative for unequal spacing
 * h1 = T_i - T_(i-1), h2 = T_(i+1) - T_i:
 * <pre>  E'(T_i) ~ -h2/(h1(h1+h2)) E_(i-1) + (h2-h1)/(h1 h2) E_i + h1/(h2(h1+h2)) E_(i+1)</pre>
 * exact for E quadratic in T; its truncation is E'''(T_i) h1 h2 / 6 = C'' h1 h2 / 6, which on a coarse grid near a
 * peak of C can exceed the statistical error (so {@code FluctuationResponse} tests equilibrium with the integral form
 * instead). The error propagates the independent chains' errors of the mean. End points have no central difference.
 */
public final class TemperatureResponse {
    private TemperatureResponse() {}

    public static Estimate[] of(double[] t, double[] energy, double[] energyErr) {
        int n = t.length;
        if (energy.length != n || energyErr.length != n) {
            throw new IllegalArgumentException("inconsistent line lengths: " + n + " != " + energy.length + " != "
                    + energyErr.length);
        }
        Estimate[] out = new Estimate[n];
        for (int i = 0; i < n; i++) {
            if (i == 0 || i == n - 1) {
                out[i] = Estimate.NONE;
                continue;
            }
            double h1 = t[i] - t[i - 1];
            double h2 = t[i + 1] - t[i];
            double a = -h2 / (h1 * (h1 + h2));
            double b = (h2 - h1) / (h1 * h2);
            double c = h1 / (h2 * (h1 + h2));
            double value = a * energy[i - 1] + b * energy[i] + c * energy[i + 1];
            double err = Math.sqrt(a * a * energyErr[i - 1] * energyErr[i - 1] + b * b * energyErr[i] * energyErr[i]
                    + c * c * energyErr[i + 1] * energyErr[i + 1]);
            out[i] = new Estimate(value, err);
        }
        return out;
    }

    /**
     * Simpson weights for the integral over [T_(i-1), T_(i+1)] from the values at T_(i-1), T_i, T_(i+1) with unequal
     * spacing (exact for quadratics; for cubics only when h1 = h2): (h1+h2)/6 * [2 - h2/h1, (h1+h2)^2/(h1 h2), 2 - h1/h2].
     */
    public static double[] simpsonWeights(double h1, double h2) {
        double s = (h1 + h2) / 6;
        return new double[] {s * (2 - h2 / h1), s * (h1 + h2) * (h1 + h2) / (h1 * h2), s * (2 - h1 / h2)};
    }
}
