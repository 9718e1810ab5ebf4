package org.calorimeter.core.exact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.calorimeter.core.model.IsingPerceptron;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PerceptronExactTest {
    /** The Gray-code enumeration against brute force: every student's errors counted from scratch. */
    @ParameterizedTest
    @CsvSource({"3, 5, 0.0", "7, 11, 0.0", "10, 15, 0.1", "13, 20, 0.0"})
    void densityOfStatesMatchesBruteForce(int n, int d, double noise) {
        IsingPerceptron p = IsingPerceptron.generate(9, 2, n, d, noise);
        long[] brute = new long[d + 1];
        for (int code = 0; code < 1 << n; code++) {
            int errors = 0;
            for (int mu = 0; mu < d; mu++) {
                double h = 0;
                for (int i = 0; i < n; i++) h += ((code >> i & 1) == 0 ? 1 : -1) * p.input(i, mu);
                if (p.label(mu) * h < 0) errors++;
            }
            brute[errors]++;
        }
        assertArrayEquals(brute, PerceptronExact.densityOfStates(p));
    }

    /** C = d<E>/dT (a central difference, error O(h^2) ~ 1e-8 relative at h = 1e-4) and the T -> infinity limit. */
    @ParameterizedTest
    @CsvSource({"0.2", "0.7", "1.5"})
    void heatCapacityIsTheTemperatureDerivative(double t) {
        long[] g = PerceptronExact.densityOfStates(IsingPerceptron.generate(4, 0, 12, 18, 0.0));
        double h = 1e-4 * t;
        double slope = (PerceptronExact.at(g, t + h).energy() - PerceptronExact.at(g, t - h).energy()) / (2 * h);
        double c = PerceptronExact.at(g, t).heatCapacity();
        assertEquals(slope, c, 1e-6 * Math.max(1, c), "C vs d<E>/dT at T = " + t);
        // At infinite T every student is equally likely: <E> is the mean error count over all 2^N students.
        double mean = 0;
        long total = 0;
        for (int e = 0; e < g.length; e++) {
            mean += (double) e * g[e];
            total += g[e];
        }
        assertEquals(mean / total, PerceptronExact.at(g, 1e9).energy(), 1e-6, "<E> at T -> infinity");
    }
}
