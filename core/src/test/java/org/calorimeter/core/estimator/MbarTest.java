package org.calorimeter.core.estimator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * MBAR against a system with known free energies: E = c + |x|^2/2 with x ~ N(0, T I_d), so Z(T) ~ T^{d/2} e^{-c/T}
 * and f(T) = c/T - (d/2) ln T up to a constant. The offset c puts the free energies thousands of kT apart; the solver
 * (self-consistent warm-up, then line-searched Newton steps) reaches them in a few iterations, and a cap on its steps
 * ends in "not converged" rather than a silent answer.
 */
class MbarTest {
    static final int D = 20;
    static final double OFFSET = 1e4;
    static final double[] TEMPS = {1.0, 1.5, 2.25};

    static double[][] sample(long seed, int n) {
        Random rng = new Random(seed);
        double[][] e = new double[TEMPS.length][n];
        for (int k = 0; k < TEMPS.length; k++) {
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < D; j++) {
                    double x = rng.nextGaussian();
                    s += x * x;
                }
                e[k][i] = OFFSET + 0.5 * TEMPS[k] * s;
            }
        }
        return e;
    }

    static double exact(int k) {
        double f0 = OFFSET / TEMPS[0] - 0.5 * D * Math.log(TEMPS[0]);
        return OFFSET / TEMPS[k] - 0.5 * D * Math.log(TEMPS[k]) - f0;
    }

    @Test
    void freeEnergiesThousandsOfKtApartConvergeInAFewStepsToTheExactValues() {
        Mbar mbar = Mbar.solve(TEMPS, sample(1, 2000), null);
        assertTrue(mbar.converged());
        // 20 self-consistent warm-up iterations plus Newton steps (21 measured).
        assertTrue(mbar.iterations() < 60, "iterations " + mbar.iterations());
        // The error bar: the spread of the estimate over independent samples (10 more data sets).
        double[] f = mbar.freeEnergies();
        for (int k = 1; k < TEMPS.length; k++) {
            double sum = 0, sum2 = 0;
            int reps = 10;
            for (int r = 0; r < reps; r++) {
                double v = Mbar.solve(TEMPS, sample(100 + r, 2000), null).freeEnergies()[k];
                sum += v;
                sum2 += v * v;
            }
            double sd = Math.sqrt((sum2 - sum * sum / reps) / (reps - 1));
            assertTrue(Math.abs(exact(k)) > 3000, "the case is far apart: " + exact(k));
            // 4 sigma: a two-sided miss at this level has probability 6e-5 per state.
            assertEquals(exact(k), f[k], 4 * sd, "f_" + k + " exact " + exact(k) + " sd " + sd);
        }
    }

    @Test
    void theIterationCapEndsNotConverged() {
        Mbar capped = Mbar.solve(TEMPS, sample(1, 500), null, 1);
        assertFalse(capped.converged(), "one Newton step cannot solve it");
        assertTrue(Mbar.solve(TEMPS, sample(1, 500), null).converged());
    }
}
