package org.calorimeter.core.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The sum over magnetisations against enumeration of all 2^N states (N = 12). */
class CurieWeissExactTest {
    @Test
    void sumOverMagnetisationsMatchesEnumeration() {
        int n = 12;
        for (double t : new double[] {0.5, 1.0, 2.0}) {
            double z = 0, e = 0, e2 = 0, a = 0, a2 = 0;
            for (int c = 0; c < (1 << n); c++) {
                int m = 2 * Integer.bitCount(c) - n;
                double energy = -(double) m * m / (2.0 * n);
                double w = Math.exp(-energy / t);
                z += w;
                e += w * energy;
                e2 += w * energy * energy;
                a += w * Math.abs(m) / n;
                a2 += w * (double) m * m / ((double) n * n);
            }
            e /= z;
            CurieWeissExact.Values v = CurieWeissExact.at(n, t);
            // Rounding only (sums of 4096 positive terms).
            assertEquals(e, v.energy(), 1e-12);
            assertEquals((e2 / z - e * e) / (t * t), v.heatCapacity(), 1e-10);
            assertEquals(a / z, v.psi(), 1e-12);
            assertEquals(n * (a2 / z - (a / z) * (a / z)) / t, v.susceptibility(), 1e-10);
        }
    }
}
