package org.calorimeter.core.sampler;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.calorimeter.core.exact.IsingExact;
import org.calorimeter.core.fit.Reweighting;
import org.calorimeter.core.model.Ising2D;
import org.calorimeter.core.model.SpinModel;
import org.junit.jupiter.api.Test;

/**
 * MBAR reweighting against Kaufman's exact L = 8 lattice: Wolff traces at 5 temperatures from 2.0 to 2.6, then C,
 * <E> and the integrated entropy between the sampled temperatures compared with the exact values, in units of the
 * bootstrap standard deviation (|z| < 3.5 over every fine-grid point: with ~25 correlated points, 3.5 keeps a false
 * alarm near 1%) and within 5% (C) of the exact value.
 */
class ReweightingCalibrationTest {
    @Test
    void reweightedIsingCurveMatchesKaufman() {
        int l = 8;
        Ising2D model = new Ising2D(l);
        double[] temps = {2.0, 2.15, 2.3, 2.45, 2.6};
        int samples = 2000;
        double[][] e = new double[temps.length][samples];
        double[][] psi = new double[temps.length][samples];
        for (int k = 0; k < temps.length; k++) {
            SpinChain s = SpinChain.wolff(model, SpinModel.allUp(l * l), temps[k], new SplittableRandom(17 + k));
            for (int i = 0; i < 500; i++) s.sweep();
            s.freeze();
            for (int i = 0; i < samples; i++) {
                for (int j = 0; j < 5; j++) s.sweep();   // traces are thinned: about independent points
                e[k][i] = s.state().energy();
                psi[k][i] = Math.abs(s.state().magnetisation()) / (double) (l * l);
            }
        }
        Reweighting.Line line = Reweighting.of(temps, e, psi, l * l, 6, 100, 99);
        double worst = 0;
        double s0 = exactEntropy(l, temps[0]);
        for (int g = 0; g < line.temperature().length; g++) {
            double t = line.temperature()[g];
            double exact = IsingExact.heatCapacity(l, t);
            double sd = sd(line.bootC(), g);
            double z = (line.c()[g] - exact) / sd;
            worst = Math.max(worst, Math.abs(z));
            String text = String.format("T = %.3f: C = %.3f +- %.3f vs %.3f (z = %.2f); <E> = %.3f vs %.3f; "
                    + "S - S0 = %.4f vs %.4f; overlap %.3f", t, line.c()[g], sd, exact, z, line.energy()[g],
                    IsingExact.energy(l, t), line.entropy()[g], exactEntropy(l, t) - s0, line.overlap()[g]);
            System.out.println(text);
            assertTrue(Math.abs(z) < 3.5, text);
            assertTrue(Math.abs(line.c()[g] / exact - 1) < 0.05, text);
            assertTrue(Math.abs((line.energy()[g] - IsingExact.energy(l, t)) / sd(line.bootEnergy(), g)) < 3.5, text);
            // S - S0 integrates C/T, so it inherits C's relative statistical error (3 bootstrap sd, taken at its largest
            // relative value, bounds it) plus the trapezoid's error on this fine grid, below 0.2%.
            double relC = 0;
            for (int h = 0; h <= g; h++) relC = Math.max(relC, sd(line.bootC(), h) / line.c()[h]);
            assertTrue(Math.abs(line.entropy()[g] - (exactEntropy(l, t) - s0))
                    < (3 * relC + 0.002) * Math.abs(line.entropy()[g]) + 1e-9, text);
            assertTrue(line.overlap()[g] > Reweighting.MIN_OVERLAP, text);
        }
        System.out.println("worst |z| = " + worst);
    }

    /** S = ln Z + <E>/T. */
    static double exactEntropy(int l, double t) {
        return IsingExact.logZ(l, l, 1 / t) + IsingExact.energy(l, t) / t;
    }

    static double sd(double[][] boot, int g) {
        double m = 0;
        for (double[] b : boot) m += b[g] / boot.length;
        double v = 0;
        for (double[] b : boot) v += (b[g] - m) * (b[g] - m) / (boot.length - 1);
        return Math.sqrt(v);
    }
}
