package org.calorimeter.core.sampler;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.calorimeter.core.estimator.Autocorrelation;
import org.calorimeter.core.exact.PerceptronHighT;
import org.calorimeter.core.model.IsingPerceptron;
import org.calorimeter.core.model.SpinModel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Ising perceptron's generalisation error at high temperature against the high-temperature theory of Seung,
 * Sompolinsky and Tishby (1992), evaluated at the same finite N. The theory replaces the training error by D eps(R),
 * which is exact only as T grows at fixed alpha~ = D/(N T): measured at N = 32 (8 replicas, 5000 sweeps), the MC
 * average was 1% above it at T = 10 and within 0.03% at T = 50. So at T = 50: |z| < 3 over replicas, and 2% relative
 * (the T = 10 deviation doubled) as the written bound on what the theory itself leaves out.
 */
class PerceptronHighTTest {
    @ParameterizedTest
    @CsvSource({"0.5", "1.0"})
    void generalisationErrorMatchesTheHighTemperatureTheory(double alphaTilde) {
        int n = 32;
        double t = 50;
        int d = (int) Math.round(alphaTilde * n * t);
        int replicas = 4;
        double[] means = new double[replicas];
        for (int r = 0; r < replicas; r++) {
            IsingPerceptron p = IsingPerceptron.generate(3, r, n, d, 0.0);
            SpinChain s = SpinChain.metropolis(p, SpinModel.random(n, new SplittableRandom(r)), t,
                    new SplittableRandom(100 + r));
            for (int i = 0; i < 300; i++) s.sweep();
            double[] eps = new double[3000];
            for (int i = 0; i < eps.length; i++) {
                s.sweep();
                eps[i] = IsingPerceptron.generalisationError(p.overlap(s.state().spins()));
            }
            means[r] = Autocorrelation.of(eps).mean();
        }
        double mean = 0, sq = 0;
        for (double m : means) mean += m / replicas;
        for (double m : means) sq += (m - mean) * (m - mean);
        double se = Math.sqrt(sq / (replicas - 1) / replicas);
        double exact = PerceptronHighT.finite(n, d, t).generalisationError();
        String text = "alpha~ = " + alphaTilde + ": eps = " + mean + " +- " + se + " vs high-T theory " + exact;
        System.out.println(text);
        assertTrue(Math.abs(mean - exact) < 3 * se || Math.abs(mean - exact) < 1e-3, text);
        assertTrue(Math.abs(mean / exact - 1) < 0.02, text);
    }
}
