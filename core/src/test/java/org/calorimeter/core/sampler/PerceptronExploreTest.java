package org.calorimeter.core.sampler;

import java.util.SplittableRandom;
import org.calorimeter.core.estimator.Autocorrelation;
import org.calorimeter.core.exact.PerceptronHighT;
import org.calorimeter.core.model.IsingPerceptron;
import org.calorimeter.core.model.SpinModel;
import org.junit.jupiter.api.Test;

class PerceptronExploreTest {
    @Test
    void explore() {
        int n = 32;
        for (double t : new double[] {10, 50}) {
            for (double at : new double[] {0.5, 1.0, 2.0}) {
                int d = (int) Math.round(at * n * t);
                double sum = 0, sumSq = 0;
                int reps = 8;
                long t0 = System.nanoTime();
                for (int r = 0; r < reps; r++) {
                    IsingPerceptron p = IsingPerceptron.generate(3, r, n, d, 0.0);
                    SpinSampler s = new MetropolisSampler(p, SpinModel.random(n, new SplittableRandom(r)), t, new SplittableRandom(100 + r));
                    for (int i = 0; i < 500; i++) s.sweep();
                    double[] eps = new double[5000];
                    for (int i = 0; i < eps.length; i++) { s.sweep(); eps[i] = IsingPerceptron.generalisationError(p.overlap(s.state().spins())); }
                    Autocorrelation a = Autocorrelation.of(eps);
                    sum += a.mean(); sumSq += a.mean() * a.mean();
                }
                double mean = sum / reps, se = Math.sqrt((sumSq / reps - mean * mean) / (reps - 1));
                System.out.printf("T=%g at=%g D=%d  mc eps=%.4f +- %.4f  finite=%.4f  limit=%.4f  (%.1fs)%n", t, at, d, mean, se,
                        PerceptronHighT.finite(n, d, t).generalisationError(), PerceptronHighT.limit(at).generalisationError(), (System.nanoTime()-t0)/1e9);
            }
        }
    }
}
