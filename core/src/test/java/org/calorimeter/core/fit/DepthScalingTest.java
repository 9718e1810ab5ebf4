package org.calorimeter.core.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DepthScalingTest {
    static final int[] DEPTHS = {1, 2, 3, 4, 5, 6};

    /**
     * C(L) peaked at L* = 1.5 ln C* - 1 with C* growing over temperatures: the law d* = k ln C* + b must come back with
     * k = 1.5 inside its interval (the depths are a grid, so d* is rounded to it: k is only as good as that rounding;
     * peaks at 2, 3, 4, 5 over C* from e^2 to e^4 give a slope within a few tenths of 1.5).
     */
    @Test
    void aPlantedDepthLawComesBack() {
        SplittableRandom r = new SplittableRandom(3);
        List<DepthScaling.Point> pts = new ArrayList<>();
        double[] lnTop = {2.0, 2.7, 3.3, 4.0};
        for (int p = 0; p < lnTop.length; p++) {
            double star = 1.5 * lnTop[p] - 1;
            double[][] c = new double[DEPTHS.length][8];
            for (int d = 0; d < DEPTHS.length; d++) {
                for (int rep = 0; rep < 8; rep++) {
                    c[d][rep] = Math.exp(lnTop[p]) * (1 - 0.1 * Math.pow(DEPTHS[d] - star, 2)) * (1 + 0.01 * r.nextGaussian());
                }
            }
            pts.add(new DepthScaling.Point(4, 100, 0.1 * (p + 1), c));
        }
        List<FitResult> fits = DepthScaling.fit(DEPTHS, pts, 8, 42);
        assertEquals(5, fits.size(), "4 optimal depths and the law");
        for (int p = 0; p < 4; p++) {
            FitResult f = fits.get(p);
            assertEquals("optimal_depth", f.kind());
            assertEquals(Math.round(1.5 * lnTop[p] - 1), f.estimate(), 0.0, "the grid depth nearest the planted peak");
            assertTrue(f.converged(), f.message());
        }
        FitResult law = fits.get(4);
        assertEquals("depth_scaling", law.kind());
        assertTrue(law.converged(), law.message());
        assertTrue(Math.abs(law.estimate() - 1.5) < 0.35, "k = " + law.estimate());
    }

    @Test
    void anOptimumAtTheDeepestDepthIsNotAPointOfTheLaw() {
        double[][] c = new double[DEPTHS.length][2];
        for (int d = 0; d < DEPTHS.length; d++) c[d] = new double[] {d + 1.0, d + 1.1};
        List<FitResult> fits = DepthScaling.fit(DEPTHS, List.of(new DepthScaling.Point(4, 100, 1.0, c)), 2, 1);
        assertFalse(fits.get(0).converged());
        assertTrue(fits.get(0).message().contains("deepest"), fits.get(0).message());
        assertTrue(fits.get(1).message().startsWith(FitResult.NOT_APPLICABLE), fits.get(1).message());
    }
}
