package org.calorimeter.core.estimator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The Gamma-method against an AR(1) process x_t = rho x_{t-1} + sqrt(1-rho^2) z_t (unit variance), whose
 * tau_int = (1+rho) / (2(1-rho)) and whose squares have tau_int = (1+rho^2) / (2(1-rho^2)), and against the
 * real scatter of independent chains: a reported error must be the standard deviation it claims to be.
 */
class AutocorrelationTest {

    static double[] ar1(double rho, int n, SplittableRandom rng) {
        double[] x = new double[n];
        double s = Math.sqrt(1 - rho * rho);
        x[0] = rng.nextGaussian();
        for (int t = 1; t < n; t++) x[t] = rho * x[t - 1] + s * rng.nextGaussian();
        return x;
    }

    @Test
    void tauIntOfAr1MatchesTheClosedFormWithinItsError() {
        double rho = 0.9;
        Autocorrelation a = Autocorrelation.of(ar1(rho, 200_000, new SplittableRandom(1)));
        double exact = (1 + rho) / (2 * (1 - rho));
        assertTrue(a.windowReached());
        // 4 reported standard errors (the window's truncation bias is below e^-5 of tau, far inside that).
        assertEquals(exact, a.tauInt(), 4 * a.tauIntError());
        // The ESS follows the reported error, which is never below the Gamma-method's.
        assertEquals(a.variance() / (a.meanError() * a.meanError()), a.ess(), 1e-9 * a.ess());
        assertTrue(a.ess() <= 200_000 / (2 * a.tauInt()) * (1 + 1e-12));
    }

    /**
     * A fast AR(1) plus a slow one of small weight: Sokal's window closes on the fast mode, so tau_int alone misses
     * the slow one. Over 300 independent series the scatter of the means must match the reported errors, which it
     * does only because the batch-means error is part of them; the Gamma-method error alone is shown to fall short.
     */
    @Test
    void aSlowModeTheWindowMissesIsInTheError() {
        SplittableRandom rng = new SplittableRandom(5);
        int series = 300;
        int n = 20_000;
        double[] means = new double[series];
        double err2 = 0;
        double gammaErr2 = 0;
        for (int c = 0; c < series; c++) {
            double[] fast = ar1(0.5, n, rng);
            double[] slow = ar1(0.99, n, rng);
            double[] x = new double[n];
            for (int t = 0; t < n; t++) x[t] = fast[t] + 0.2 * slow[t];
            Autocorrelation a = Autocorrelation.of(x);
            means[c] = a.mean();
            err2 += a.meanError() * a.meanError();
            gammaErr2 += 2 * a.tauInt() * a.variance() / n;
        }
        double scatter = std(means);
        // 300 series know a standard deviation to 1/sqrt(2*299) = 4%; 20% allows that 4 times plus the batch
        // estimator's own bias (batches of 625 against the slow mode's tau_int of 100 leave out a few per cent).
        assertEquals(1.0, scatter / Math.sqrt(err2 / series), 0.2, "reported error against the scatter");
        assertTrue(scatter / Math.sqrt(gammaErr2 / series) > 1.3,
                "the window alone misses the slow mode: " + scatter / Math.sqrt(gammaErr2 / series));
    }

    @Test
    void reportedErrorsMatchTheScatterOfIndependentChains() {
        double rho = 0.8;
        double temperature = 2.0;
        int chains = 400;
        int n = 4000;
        SplittableRandom rng = new SplittableRandom(2);
        double[] means = new double[chains];
        double[] heat = new double[chains];
        double meanErr2 = 0;
        double heatErr2 = 0;
        for (int c = 0; c < chains; c++) {
            double[] x = ar1(rho, n, rng);
            FluctuationEstimator.Result r = FluctuationEstimator.of(x, temperature);
            means[c] = r.energy().mean();
            heat[c] = r.heatCapacity().value();
            meanErr2 += r.energy().meanError() * r.energy().meanError();
            heatErr2 += r.heatCapacity().error() * r.heatCapacity().error();
        }
        // With 400 chains a standard deviation is known to 1/sqrt(2*399) = 3.5%; 15% allows 4 of those plus
        // the O(1/n) bias of tau from its window.
        assertEquals(1.0, std(means) / Math.sqrt(meanErr2 / chains), 0.15, "error of the mean");
        assertEquals(1.0, std(heat) / Math.sqrt(heatErr2 / chains), 0.15, "error of Var(E)/T^2");
        // And the estimate itself is unbiased: Var = 1, so C = 1/T^2, to within the error of the average.
        assertEquals(1.0 / (temperature * temperature), avg(heat), 4 * std(heat) / Math.sqrt(chains));
    }

    @Test
    void aChainShorterThanItsCorrelationsIsFlagged() {
        // tau_int = 999.5 in 500 samples: the estimate is far too small, but the ESS it implies is still low.
        Autocorrelation a = Autocorrelation.of(ar1(0.999, 500, new SplittableRandom(3)));
        assertFalse(a.reliable(), "tau " + a.tauInt() + " ess " + a.ess());
    }

    @Test
    void constantSeriesHasNoError() {
        Autocorrelation a = Autocorrelation.of(new double[] {2, 2, 2, 2});
        assertEquals(2.0, a.mean());
        assertTrue(Double.isNaN(a.tauInt()));
    }

    static double avg(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return s / v.length;
    }

    static double std(double[] v) {
        double m = avg(v);
        double s = 0;
        for (double x : v) s += (x - m) * (x - m);
        return Math.sqrt(s / (v.length - 1));
    }
}
