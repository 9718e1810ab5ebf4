package org.calorimeter.core.fit;

/**
 * The constant-thermodynamic-speed annealing schedule (Salamon and Berry 1983; Sivak and Crooks 2012) from a C(T)
 * curve: dT/dt proportional to -T / sqrt(C), so the schedule spends time where C is large. Progress
 * s(T) = int_T^{T_max} sqrt(C)/T' dT' / int_{T_min}^{T_max} sqrt(C)/T' dT' goes from 0 at T_max to 1 at T_min; the
 * table gives the temperature at {@code steps} equal steps of s (trapezoid rule; temperature interpolated
 * geometrically between grid points).
 */
public final class Schedule {
    private Schedule() {}

    /** Rows {step, progress, temperature}, from T_max (step 0) to T_min (last step). */
    public static double[][] of(double[] t, double[] c, int steps) {
        int n = t.length;
        double[] cum = new double[n];   // int from T_i to T_max, i descending
        for (int i = n - 2; i >= 0; i--) {
            double a = Math.sqrt(Math.max(c[i], 0)) / t[i];
            double b = Math.sqrt(Math.max(c[i + 1], 0)) / t[i + 1];
            cum[i] = cum[i + 1] + 0.5 * (a + b) * (t[i + 1] - t[i]);
        }
        double total = cum[0];
        double[][] out = new double[steps + 1][];
        for (int k = 0; k <= steps; k++) {
            double s = (double) k / steps;
            double target = s * total;
            int i = n - 2;
            while (i > 0 && cum[i] < target) i--;
            double f = cum[i] == cum[i + 1] ? 0 : (target - cum[i + 1]) / (cum[i] - cum[i + 1]);
            double temperature = Math.exp(Math.log(t[i + 1]) + f * (Math.log(t[i]) - Math.log(t[i + 1])));
            out[k] = new double[] {k, s, total > 0 ? temperature : Double.NaN};
        }
        return out;
    }
}
