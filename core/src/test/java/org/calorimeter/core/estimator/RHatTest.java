package org.calorimeter.core.estimator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RHatTest {
    @Test
    void chainsOfOneStationaryProcessAgree() {
        SplittableRandom rng = new SplittableRandom(1);
        double[][] chains = new double[4][];
        for (int c = 0; c < 4; c++) chains[c] = AutocorrelationTest.ar1(0.5, 10_000, rng);
        double r = RHat.of(chains);
        // 8 half-chains with ESS ~ 1700 each: R-hat - 1 is of order 1/ESS, far below 0.01.
        assertTrue(r < RHat.THRESHOLD, "R-hat " + r);
    }

    @Test
    void chainsInDifferentModesAreCaught() {
        SplittableRandom rng = new SplittableRandom(2);
        double[][] chains = {AutocorrelationTest.ar1(0.5, 5000, rng), AutocorrelationTest.ar1(0.5, 5000, rng)};
        for (int i = 0; i < 5000; i++) chains[1][i] += 1.0;   // a second mode one standard deviation away
        assertTrue(RHat.of(chains) > 1.1, "R-hat " + RHat.of(chains));
    }

    @Test
    void oneDriftingChainIsCaughtBySplitting() {
        double[] x = AutocorrelationTest.ar1(0.5, 10_000, new SplittableRandom(3));
        for (int i = 0; i < x.length; i++) x[i] += 2.0 * i / x.length;
        assertTrue(RHat.of(new double[][] {x}) > 1.1, "R-hat " + RHat.of(new double[][] {x}));
    }

    @Test
    void aScaleDifferenceIsCaughtByTheFoldedDraws() {
        SplittableRandom rng = new SplittableRandom(4);
        double[][] chains = {AutocorrelationTest.ar1(0.0, 5000, rng), AutocorrelationTest.ar1(0.0, 5000, rng)};
        for (int i = 0; i < 5000; i++) chains[1][i] *= 3.0;   // same mean, three times the spread
        double bulk = RHat.classic(RHat.rankNormalised(chains));
        assertTrue(bulk < 1.01, "the bulk does not see it: " + bulk);
        assertTrue(RHat.of(chains) > 1.05, "R-hat " + RHat.of(chains));
    }

    @Test
    void fourChainsHalveTheErrorOfOne() {
        SplittableRandom rng = new SplittableRandom(5);
        double[][] four = new double[4][];
        for (int c = 0; c < 4; c++) four[c] = AutocorrelationTest.ar1(0.7, 20_000, rng);
        Autocorrelation pooled = Autocorrelation.of(four);
        Autocorrelation one = Autocorrelation.of(four[0]);
        assertEquals(80_000, pooled.n());
        // Same process: tau agrees and the error of the mean shrinks by sqrt(4), each to within its own noise.
        assertEquals(one.tauInt(), pooled.tauInt(), 3 * one.tauIntError());
        assertEquals(0.5, pooled.meanError() / one.meanError(), 0.05);
    }

    @Test
    void tiesShareTheirAverageRank() {
        double[][] z = RHat.rankNormalised(new double[][] {{1.0, 2.0}, {2.0, 3.0}});
        // ranks 1, 2.5, 2.5, 4 of 4 draws: the two 2.0s get the same score, and it is the middle one (0).
        assertEquals(z[0][1], z[1][0], 0.0);
        assertEquals(0.0, z[0][1], 1e-12);
        assertEquals(-z[0][0], z[1][1], 1e-12);
    }
}
