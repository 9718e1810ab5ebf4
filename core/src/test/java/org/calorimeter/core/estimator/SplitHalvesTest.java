package org.calorimeter.core.estimator;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SplitHalvesTest {
    @Test
    void stationaryChainsPassAtTheirNominalRate() {
        SplittableRandom rng = new SplittableRandom(7);
        int runs = 400;
        int below = 0;
        for (int i = 0; i < runs; i++) {
            double[][] chains = {AutocorrelationTest.ar1(0.9, 4000, rng), AutocorrelationTest.ar1(0.9, 4000, rng)};
            if (SplitHalves.pValue(chains) < 0.05) below++;
        }
        // Nominal 5% of 400 = 20, binomial sd 4.4; the errors of 2000-sample halves are themselves estimated (the
        // chi^2 is then a little wider than nominal), so up to 40 (about 4 sd above nominal) passes, and a p-value
        // that ignored the autocorrelation (tau = 9.5) would put most runs below 0.05.
        assertTrue(below <= 40, below + " of " + runs + " stationary runs below p = 0.05");
    }

    @Test
    void aChainThatDriftsFails() {
        SplittableRandom rng = new SplittableRandom(8);
        double[] x = AutocorrelationTest.ar1(0.9, 4000, rng);
        // A shift of one standard deviation of the draws halfway through: 10 errors of a half's mean (ESS ~ 100).
        for (int t = 2000; t < 4000; t++) x[t] += 1.0;
        double p = SplitHalves.pValue(new double[][] {x});
        assertTrue(p < 1e-6, "p = " + p);
    }
}
