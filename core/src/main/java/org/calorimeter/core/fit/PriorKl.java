package org.calorimeter.core.fit;

import org.calorimeter.core.estimator.Estimate;

/**
 * KL(p_T || pi), the information the tempered posterior holds beyond the prior, along one line of temperatures, by
 * thermodynamic integration in beta = 1/T from the prior (beta = 0, where p = pi and log Z = 0):
 * log Z(beta) = -int_0^beta <E> dbeta', KL = -beta <E> - log Z(beta); the absolute entropy is S = -KL and the free
 * energy F = -T log Z = <E> + T KL.
 *
 * <p>Between grid temperatures the integral uses both ends' values and slopes, d<E>/dbeta = -Var(E) = -C T^2 (the
 * corrected trapezoid, exact for cubics). From beta = 0 to the hottest grid point it uses the expansion about that
 * point, int_0^b0 <E> = b0 <E>_0 + b0^2 Var_0 / 2 + b0^3 kappa_3 / 6 + ..., with b0^2 Var_0 = C_0 and kappa_3 =
 * -dVar/dbeta from the two hottest points: the grid must reach the prior regime, where C is small, or the remainder
 * is not controlled ({@link #MAX_C_AT_TOP}). Errors propagate the per-temperature errors of <E> and
 * C linearly (independent temperatures), plus the quadrature's: the slope terms' size, which bounds the corrected
 * rule's error, summed along the line (on a coarse grid it dominates: half-decade steps at low T). Estimators see
 * arrays only.
 */
public final class PriorKl {
    private PriorKl() {}

    /**
     * C (in nats) at the hottest grid temperature above which the grid is not taken to reach the prior regime: the
     * expansion's last kept term is C/2, so at C = 1 it is half a nat and the first dropped one a fraction of that.
     */
    public static final double MAX_C_AT_TOP = 1.0;

    /** KL at each temperature of a line (replica-averaged) and the line's {@code prior_kl} fits row. */
    public record Line(java.util.Map<Double, Estimate> byTemperature, FitResult row) {}

    /**
     * KL(p_T || prior) at each temperature of a line, per replica by thermodynamic integration from beta = 0 and then
     * averaged over replicas (the replica spread in the error), with the {@code prior_kl} row: KL at the line's lowest
     * temperature, or why it does not apply ({@code notApplicable}, no temperature, or a replica whose grid does not
     * reach the prior regime), in which case the map is empty. Arrays are [replica][temperature], t ascending.
     */
    public static Line line(double[] t, double[][] e, double[][] eErr, double[][] c, double[][] cErr,
                            String notApplicable, Integer width, Integer dataSize) {
        java.util.Map<Double, Estimate> out = new java.util.TreeMap<>();
        String method = "thermodynamic integration in beta from the prior (corrected trapezoid with d<E>/dbeta = "
                + "-C T^2; C_top/2 for the stretch from beta = 0)";
        int n = t.length;
        String why = notApplicable;
        if (why == null && n == 0) why = "no temperature where every replica has a usable cell";
        for (int r = 0; why == null && r < c.length; r++) why = notInPriorRegime(t[n - 1], c[r][n - 1]);
        if (why != null) {
            return new Line(out, FitResult.failed("prior_kl", width, dataSize, n, method,
                    FitResult.NOT_APPLICABLE + why));
        }
        int replicas = c.length;
        Estimate[][] perReplica = new Estimate[replicas][];
        for (int r = 0; r < replicas; r++) perReplica[r] = of(t, e[r], eErr[r], c[r], cErr[r]);
        for (int k = 0; k < n; k++) {
            double[] v = new double[replicas];
            double[] err = new double[replicas];
            for (int r = 0; r < replicas; r++) {
                v[r] = perReplica[r][k].value();
                err[r] = perReplica[r][k].error();
            }
            out.put(t[k], org.calorimeter.core.estimator.ReplicaAverage.parts(v, err).estimate());
        }
        Estimate low = out.get(t[0]);
        Intervals.Interval ci = Intervals.standardError(low.value(), low.error());
        return new Line(out, new FitResult("prior_kl", width, dataSize, t[0], low.value(), low.error(), ci.low(),
                ci.high(), n, Double.NaN, method + "; " + ci.label(), true, "KL(p_T || prior) in nats at the line's "
                        + "lowest temperature; every temperature's value is in curves/kl"));
    }

    /**
     * KL at each temperature of {@code t} (ascending), for one replica: {@code e}, {@code c} and their errors at the
     * same temperatures.
     */
    public static Estimate[] of(double[] t, double[] e, double[] eErr, double[] c, double[] cErr) {
        int n = t.length;
        if (e.length != n || eErr.length != n || c.length != n || cErr.length != n) {
            throw new IllegalArgumentException("inconsistent lengths: " + n + " temperatures, " + e.length + " energies");
        }
        // Index j runs from the hottest (smallest beta) to the coldest.
        double[] beta = new double[n];
        double[] en = new double[n];
        double[] sE = new double[n];
        double[] var = new double[n];
        double[] sV = new double[n];
        for (int j = 0; j < n; j++) {
            int k = n - 1 - j;
            beta[j] = 1 / t[k];
            en[j] = e[k];
            sE[j] = eErr[k];
            var[j] = c[k] * t[k] * t[k];        // Var(E) = C T^2
            sV[j] = cErr[k] * t[k] * t[k];
        }
        // log Z_j = sum_i gE[i] E_i + gV[i] Var_i, built up from beta = 0.
        double[] gE = new double[n];
        double[] gV = new double[n];
        gE[0] = -beta[0];
        gV[0] = -beta[0] * beta[0] / 2;
        if (n >= 2) {
            // The next term, b0^3 kappa_3 / 6, with kappa_3 = -dVar/dbeta from the two hottest points.
            double d = beta[1] - beta[0];
            double w = beta[0] * beta[0] * beta[0] / (6 * d);
            gV[0] -= w;   // log Z gets -(b0^3/6) kappa_3 = -(b0^3/6) (Var_0 - Var_1) / d
            gV[1] += w;
        }
        Estimate[] out = new Estimate[n];
        // The stretch from beta = 0: its last kept term (b0^3 kappa_3 / 6, or C_0/2 with one temperature) bounds the
        // dropped remainder in the prior regime; it starts the systematic error.
        double quadrature = n >= 2 ? Math.abs(beta[0] * beta[0] * beta[0] / 6 * (var[0] - var[1]) / (beta[1] - beta[0]))
                : Math.abs(beta[0] * beta[0] * var[0] / 2);
        for (int j = 0; j < n; j++) {
            if (j > 0) {
                double d = beta[j] - beta[j - 1];
                gE[j - 1] -= d / 2;
                gE[j] -= d / 2;
                gV[j - 1] += d * d / 12;   // I = d/2 (E_a + E_b) + d^2/12 (E'_a - E'_b), E' = -Var
                gV[j] -= d * d / 12;
            }
            if (j > 0) {
                // The slope terms are the plain trapezoid's leading error; the corrected rule's own error is of
                // higher order, so their size bounds it: counted as a systematic error, accumulated along the line.
                double d = beta[j] - beta[j - 1];
                quadrature += Math.abs(d * d / 12 * (var[j - 1] - var[j]));
            }
            double kl = 0;
            double v = 0;
            for (int i = 0; i < n; i++) {                       // beyond j only the kappa_3 term's Var_1
                double aE = -gE[i] - (i == j ? beta[j] : 0);   // KL = -beta E - log Z
                double aV = -gV[i];
                kl += aE * en[i] + aV * var[i];
                v += aE * aE * sE[i] * sE[i] + aV * aV * sV[i] * sV[i];
            }
            out[n - 1 - j] = new Estimate(kl, Math.sqrt(v + quadrature * quadrature));
        }
        return out;
    }

    /** Why the line does not reach the prior regime, or null when it does (C at its hottest temperature is small). */
    public static String notInPriorRegime(double tMax, double cAtTop) {
        if (cAtTop <= MAX_C_AT_TOP) return null;
        return String.format(java.util.Locale.ROOT, "the grid does not reach the prior regime: C = %.3g at its highest "
                + "temperature T = %.3g (at most %.1f needed for the integral from beta = 0); add higher temperatures",
                cAtTop, tMax, MAX_C_AT_TOP);
    }
}
