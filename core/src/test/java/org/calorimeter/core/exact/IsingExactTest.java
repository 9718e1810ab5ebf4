package org.calorimeter.core.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.calorimeter.core.model.Ising2D;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Kaufman's finite-lattice formula against enumeration of every configuration of small periodic lattices. */
class IsingExactTest {
    @ParameterizedTest
    @CsvSource({"3, 0.8", "3, 2.269", "4, 1.5", "4, 2.269", "4, 3.5"})
    void kaufmanMatchesEnumeration(int l, double t) {
        Ising2D model = new Ising2D(l);
        int n = l * l;
        byte[] s = new byte[n];
        double[] e = new double[1 << n];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < (1 << n); c++) {
            for (int i = 0; i < n; i++) s[i] = (byte) (((c >> i) & 1) == 1 ? 1 : -1);
            e[c] = model.energy(s);
            max = Math.max(max, -e[c] / t);
        }
        double z = 0, m1 = 0, m2 = 0;
        for (double x : e) {
            double w = Math.exp(-x / t - max);
            z += w;
            m1 += w * x;
            m2 += w * x * x;
        }
        double mean = m1 / z;
        double c = (m2 / z - mean * mean) / (t * t);
        // Rounding only: ln Z to 1e-12 relative; the stencil derivatives to 1e-6 relative (see IsingExact).
        assertEquals(Math.log(z) + max, IsingExact.logZ(l, l, 1 / t), 1e-12 * Math.abs(Math.log(z) + max));
        assertEquals(mean, IsingExact.energy(l, t), 1e-6 * Math.abs(mean));
        assertEquals(c, IsingExact.heatCapacity(l, t), 1e-6 * c);
    }
}
