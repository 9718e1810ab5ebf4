package org.calorimeter.core.fit;

import java.util.ArrayList;
import java.util.List;
import org.calorimeter.core.estimator.Estimate;
import org.calorimeter.core.estimator.ReplicaAverage;
import org.calorimeter.core.estimator.TemperatureResponse;

/**
 * The two direct heat-capacity estimates side by side along a line of temperatures. {@code response} is c_resp =
 * d<E>/dT by the three-point derivative. The equilibrium test uses the same identity in integral form:
 * <E>(T_(i+1)) - <E>(T_(i-1)) = integral of C dT over [T_(i-1), T_(i+1)], the right side by Simpson's rule for unequal
 * spacing on c_fluct = Var(E)/T^2 at the three points (exact for C quadratic in T). The rule's own error on a coarse
 * grid is estimated by |Simpson - trapezoid| (the standard a-posteriori estimate of the lower-order rule, so
 * conservative for Simpson) and added in quadrature to the statistical errors. A wrong c_fluct cannot hide behind it:
 * Simpson weighs the middle value by about 2/3 of the interval, the estimate by about 1/6. The difference, paired by
 * replica, over that error is {@code z}; |z| > {@value #FLAG_Z} flags the point: in equilibrium the sides are equal.
 */
public final class FluctuationResponse {
    /** |z| beyond which a point is flagged: a false flag has probability 0.27% per point. */
    public static final double FLAG_Z = 3.0;

    private FluctuationResponse() {}

    /** One temperature of a line; NaN and not flagged at the ends of the grid. */
    public record Point(double temperature, Estimate response, double z, boolean flagged) {}

    /** Per-replica arrays indexed [replica][temperature] on common temperatures. */
    public static List<Point> of(double[] t, double[][] energy, double[][] energyErr, double[][] c, double[][] cErr) {
        int replicas = energy.length;
        int n = t.length;
        Estimate[][] resp = new Estimate[replicas][];
        for (int r = 0; r < replicas; r++) resp[r] = TemperatureResponse.of(t, energy[r], energyErr[r]);
        List<Point> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            if (i == 0 || i == n - 1) {
                out.add(new Point(t[i], Estimate.NONE, Double.NaN, false));
                continue;
            }
            double[] w = TemperatureResponse.simpsonWeights(t[i] - t[i - 1], t[i + 1] - t[i]);
            double[] rv = new double[replicas];
            double[] re = new double[replicas];
            double[] dv = new double[replicas];
            double[] de = new double[replicas];
            for (int r = 0; r < replicas; r++) {
                rv[r] = resp[r][i].value();
                re[r] = resp[r][i].error();
                double integral = w[0] * c[r][i - 1] + w[1] * c[r][i] + w[2] * c[r][i + 1];
                double trapezoid = 0.5 * ((t[i] - t[i - 1]) * (c[r][i - 1] + c[r][i])
                        + (t[i + 1] - t[i]) * (c[r][i] + c[r][i + 1]));
                double rise = energy[r][i + 1] - energy[r][i - 1];
                dv[r] = integral - rise;
                de[r] = Math.sqrt(sq(w[0] * cErr[r][i - 1]) + sq(w[1] * cErr[r][i]) + sq(w[2] * cErr[r][i + 1])
                        + sq(energyErr[r][i + 1]) + sq(energyErr[r][i - 1]) + sq(integral - trapezoid));
            }
            Estimate diff = ReplicaAverage.of(dv, de);
            double z = diff.value() / diff.error();
            out.add(new Point(t[i], ReplicaAverage.of(rv, re), z, Math.abs(z) > FLAG_Z));
        }
        return out;
    }

    private static double sq(double x) {
        return x * x;
    }
}
