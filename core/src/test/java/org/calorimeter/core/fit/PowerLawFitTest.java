package org.calorimeter.core.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PowerLawFitTest {
    @Test
    void exactPowerLawIsRecovered() {
        double[] x = {4, 8, 16, 32};
        double[] y = new double[4];
        double[] e = new double[4];
        for (int i = 0; i < 4; i++) {
            y[i] = 3.0 * Math.pow(x[i], 0.75);
            e[i] = 0.01 * y[i];
        }
        PowerLawFit.Result r = PowerLawFit.fit("data_exponent", x, y, e, null, 64);
        assertEquals(0.75, r.exponent().estimate(), 1e-9);
        assertEquals(3.0, r.amplitude().estimate(), 1e-8);
        assertTrue(r.exponent().converged());
    }

    /** Planted exponent with 5% Gaussian noise: the 95% interval must cover the truth about 95% of the time. */
    @Test
    void intervalsCoverThePlantedExponent() {
        SplittableRandom rng = new SplittableRandom(9);
        double[] x = {4, 8, 16, 32, 64};
        int draws = 400;
        int covered = 0;
        for (int d = 0; d < draws; d++) {
            double[] y = new double[x.length];
            double[] e = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                double truth = 2.0 * Math.pow(x[i], -0.5);
                e[i] = 0.05 * truth;
                y[i] = truth + e[i] * rng.nextGaussian();
            }
            FitResult b = PowerLawFit.fit("data_exponent", x, y, e, null, null).exponent();
            if (b.ciLow() <= -0.5 && -0.5 <= b.ciHigh()) covered++;
        }
        double rate = (double) covered / draws;
        // The scale-factor rule only ever widens, so coverage sits at or a little above 95%; the binomial
        // standard deviation at 400 draws is 1.1%, and 0.90-0.995 spans more than 4 of them each side.
        assertTrue(rate >= 0.90 && rate <= 0.995, "coverage " + rate);
    }

    @Test
    void onePointIsAFailedRowWithAReason() {
        FitResult b = PowerLawFit.fit("data_exponent", new double[] {4}, new double[] {1}, new double[] {0.1}, null, 64).exponent();
        assertFalse(b.converged());
        assertTrue(b.message().contains("at least 2"));
    }
}
