package org.calorimeter.core.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.calorimeter.core.estimator.Estimate;
import org.junit.jupiter.api.Test;

/**
 * Thermodynamic integration against a closed form: d parameters with prior N(0, s^2) and energy E = a |theta|^2 / 2,
 * so the tempered posterior is N(0, v) per coordinate with 1/v = 1/s^2 + a/T, <E> = a d v / 2, Var(E) = a^2 d v^2 / 2
 * and KL(p_T || prior) = d/2 (v/s^2 - 1 - ln(v/s^2)).
 */
class PriorKlTest {
    static final int D = 10;
    static final double A = 40;
    static final double S = 1;

    static double v(double t) {
        return 1 / (1 / (S * S) + A / t);
    }

    static double kl(double t) {
        double q = v(t) / (S * S);
        return D / 2.0 * (q - 1 - Math.log(q));
    }

    static Estimate[] integrate(double[] t, double relErr) {
        int n = t.length;
        double[] e = new double[n];
        double[] ee = new double[n];
        double[] c = new double[n];
        double[] ce = new double[n];
        for (int k = 0; k < n; k++) {
            e[k] = A * D * v(t[k]) / 2;
            c[k] = A * A * D * v(t[k]) * v(t[k]) / 2 / (t[k] * t[k]);
            ee[k] = relErr * e[k];
            ce[k] = relErr * c[k];
        }
        return PriorKl.of(t, e, ee, c, ce);
    }

    @Test
    void aLogGridOfTenTemperaturesPerDecadeReproducesTheClosedForm() {
        int n = 51;
        double[] t = new double[n];
        for (int k = 0; k < n; k++) t[k] = 0.01 * Math.pow(10, k / 10.0);   // 0.01 .. 1000 (C = 0.0074 at the top)
        Estimate[] kl = integrate(t, 0);
        for (int k = 0; k < n; k++) {
            // Exact inputs: what is left is the quadrature's error and the dropped O(beta0^3) stretch, both below
            // 0.5% of KL or 1e-3 nat on this grid.
            assertEquals(kl(t[k]), kl[k].value(), Math.max(1e-3, 5e-3 * kl(t[k])), "T = " + t[k]);
        }
        assertNull(PriorKl.notInPriorRegime(t[n - 1], A * A * D * v(1000) * v(1000) / 2 / 1e6), "C is small at the top");
    }

    @Test
    void errorsPropagateAndAGridShortOfThePriorIsNamed() {
        double[] t = {0.03, 0.1, 0.3, 1, 3, 30, 300};
        Estimate[] kl = integrate(t, 0.01);
        for (Estimate k : kl) assertTrue(k.error() > 0 && Double.isFinite(k.error()), k.toString());
        // The coldest point carries the whole integral's error: the largest.
        assertTrue(kl[0].error() >= kl[t.length - 1].error());
        double cTop = A * A * D * v(300) * v(300) / 2 / 9e4;
        assertTrue(cTop < 1);
        double cAt01 = A * A * D * v(0.1) * v(0.1) / 2 / 0.01;
        String why = PriorKl.notInPriorRegime(0.1, cAt01);
        assertNotNull(why);
        assertTrue(why.contains("does not reach the prior regime"), why);
    }
}
