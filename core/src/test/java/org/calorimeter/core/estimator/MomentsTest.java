package org.calorimeter.core.estimator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The aggregation contract: merging the moments of parts equals the moments of the union. */
class MomentsTest {
    @Test
    void mergeOfPartsEqualsTheUnion() {
        SplittableRandom rng = new SplittableRandom(8);
        int d = 5;
        double[][] data = new double[1000][d];
        for (double[] x : data) for (int i = 0; i < d; i++) x[i] = 3.0 + (i + 1) * rng.nextGaussian();
        Moments whole = new Moments(d);
        for (double[] x : data) whole.add(x);
        // Uneven parts, including an empty one, merged in order.
        int[] cuts = {0, 1, 1, 250, 617, 999, 1000};
        Moments merged = new Moments(d);
        for (int p = 0; p + 1 < cuts.length; p++) {
            Moments part = new Moments(d);
            for (int k = cuts[p]; k < cuts[p + 1]; k++) part.add(data[k]);
            merged.merge(part);
        }
        assertEquals(whole.count(), merged.count());
        for (int i = 0; i < d; i++) {
            // Merging changes only the rounding order: agreement to 1e-12 relative.
            assertEquals(whole.mean(i), merged.mean(i), 1e-12 * Math.abs(whole.mean(i)));
            assertEquals(whole.variance(i), merged.variance(i), 1e-12 * whole.variance(i));
        }
        assertEquals(whole.totalVariance(), merged.totalVariance(), 1e-12 * whole.totalVariance());
        // And against the two-pass textbook value.
        double m = 0;
        for (double[] x : data) m += x[4];
        m /= data.length;
        double v = 0;
        for (double[] x : data) v += (x[4] - m) * (x[4] - m);
        assertEquals(v / (data.length - 1), whole.variance(4), 1e-12 * v / data.length);
    }

    @Test
    void mergingMomentsOfDifferentDimensionsNamesBoth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Moments(3).merge(new Moments(4)));
        assertEquals("inconsistent dimensions: 3 != 4", e.getMessage());
    }
}
