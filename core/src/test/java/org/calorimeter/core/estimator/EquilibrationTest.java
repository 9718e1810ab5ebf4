package org.calorimeter.core.estimator;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EquilibrationTest {
    @Test
    void aTransientFromTheStartIsCutAway() {
        SplittableRandom rng = new SplittableRandom(4);
        double[] x = AutocorrelationTest.ar1(0.5, 20_000, rng);
        // Relaxation from x = 30 with time constant 500 steps: below the noise (sd 1) after about 1700 steps.
        for (int t = 0; t < x.length; t++) x[t] += 30 * Math.exp(-t / 500.0);
        Equilibration eq = Equilibration.detect(x);
        assertTrue(eq.start() >= 1500 && eq.start() <= 4000, "cut at " + eq.start());
        double essAll = Autocorrelation.of(x).ess();
        assertTrue(eq.ess() > 5 * essAll, "ESS " + eq.ess() + " after the cut vs " + essAll + " before");
    }

    @Test
    void aStationaryChainKeepsMostOfItsSamples() {
        int cut = 0;
        for (int seed = 0; seed < 20; seed++) {
            double[] x = AutocorrelationTest.ar1(0.8, 20_000, new SplittableRandom(100 + seed));
            cut += Equilibration.detect(x).start();
        }
        // Maximising the noisy ESS sometimes trims a stationary chain; on average it must keep nearly all of it.
        assertTrue(cut / 20.0 < 0.1 * 20_000, "average cut " + cut / 20.0);
    }
}
