package org.calorimeter.core.estimator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TemperatureResponseTest {
    @Test
    void threePointDerivativeIsExactForAQuadraticOnAnUnevenGrid() {
        double[] t = {0.1, 0.25, 0.7, 1.6, 4.0};
        double[] e = new double[t.length];
        double[] err = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            e[i] = 2.0 + 3.0 * t[i] + 0.5 * t[i] * t[i];   // C = dE/dT = 3 + T
            err[i] = 0.01;
        }
        Estimate[] r = TemperatureResponse.of(t, e, err);
        assertTrue(Double.isNaN(r[0].value()) && Double.isNaN(r[4].value()), "no central difference at the ends");
        for (int i = 1; i < 4; i++) {
            assertEquals(3.0 + t[i], r[i].value(), 1e-12);
            assertTrue(r[i].error() > 0);
        }
    }

    @Test
    void derivativeTruncationIsCDoublePrimeTimesH1H2OverSix() {
        double[] t = {1.0, 2.0, 3.0};
        double[] e = {1, 8, 27};   // E = T^3: C = 3T^2, C'' = 6
        assertEquals(12.0 + 1.0, TemperatureResponse.of(t, e, new double[3])[1].value(), 1e-12);
    }

    @Test
    void simpsonOnAnUnevenGridIsExactForQuadratics() {
        double h1 = 0.3;
        double h2 = 0.75;   // ratio 2.5, as on a coarse log grid (one weight is negative)
        double[] w = TemperatureResponse.simpsonWeights(h1, h2);
        double a = 1.0;
        double b = a + h1;
        double c = b + h2;
        // integral of C = 1 - 2T + 3T^2 is T - T^2 + T^3
        java.util.function.DoubleUnaryOperator f = x -> 1 - 2 * x + 3 * x * x;
        java.util.function.DoubleUnaryOperator big = x -> x - x * x + x * x * x;
        double exact = big.applyAsDouble(c) - big.applyAsDouble(a);
        assertEquals(exact, w[0] * f.applyAsDouble(a) + w[1] * f.applyAsDouble(b) + w[2] * f.applyAsDouble(c), 1e-12);
    }

    @Test
    void replicaAverageTakesTheLargerOfChainErrorAndSpread() {
        Estimate tight = ReplicaAverage.of(new double[] {1.0, 1.0}, new double[] {0.1, 0.1});
        assertEquals(1.0, tight.value());
        assertEquals(Math.sqrt(0.02) / 2, tight.error(), 1e-15);
        Estimate spread = ReplicaAverage.of(new double[] {0.0, 2.0}, new double[] {0.1, 0.1});
        assertEquals(1.0, spread.error(), 1e-15);   // sd = sqrt(2), / sqrt(2)
        ReplicaAverage.Parts parts = ReplicaAverage.parts(new double[] {0.0, 2.0}, new double[] {0.1, 0.1});
        assertEquals(Math.sqrt(0.02) / 2, parts.stat(), 1e-15);
        assertEquals(1.0, parts.spread(), 1e-15);
        assertTrue(Double.isNaN(ReplicaAverage.parts(new double[] {3.0}, new double[] {0.2}).spread()),
                "no spread from one replica");
        assertEquals(0.2, ReplicaAverage.of(new double[] {3.0}, new double[] {0.2}).error(), 1e-15);
    }
}
