package org.calorimeter.core.estimator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The merge contract (as for Moments): merging two accumulators equals the accumulator of the union. */
class SecondMomentsTest {
    @Test
    void mergeEqualsTheUnion() {
        SplittableRandom r = new SplittableRandom(4);
        SecondMoments a = new SecondMoments(3);
        SecondMoments b = new SecondMoments(3);
        SecondMoments all = new SecondMoments(3);
        for (int i = 0; i < 500; i++) {
            double[] x = {r.nextGaussian(), 2 * r.nextGaussian() + 1, r.nextDouble()};
            (i < 173 ? a : b).add(x);
            all.add(x);
        }
        a.merge(b);
        assertEquals(all.count(), a.count());
        double[][] m = a.mean();
        double[][] u = all.mean();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                // Only the order of additions differs: a few ulps of sums of order 10^3.
                assertEquals(u[i][j], m[i][j], 1e-12 * Math.max(1, Math.abs(u[i][j])));
                assertEquals(m[i][j], m[j][i], 0.0, "symmetric");
            }
        }
        // <x2^2> = 4 + 1 = 5 within sampling error (sd of the mean of x2^2 about sqrt(32 + ...)/sqrt(500) ~ 0.3).
        assertTrue(Math.abs(m[1][1] - 5) < 1.5, "second moment " + m[1][1]);
    }

    @Test
    void aWrongDimensionNamesBoth() {
        SecondMoments a = new SecondMoments(3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.add(new double[4]));
        assertEquals("inconsistent dimensions: 4 != 3", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> a.merge(new SecondMoments(2)));
    }
}
