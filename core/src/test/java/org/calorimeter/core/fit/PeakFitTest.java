package org.calorimeter.core.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PeakFitTest {
    static Curve lorentzian(double tc, double[] grid, double relErr) {
        double[] c = new double[grid.length];
        double[] e = new double[grid.length];
        for (int i = 0; i < grid.length; i++) {
            double u = Math.log(grid[i] / tc);
            c[i] = 10.0 / (1.0 + 4 * u * u);
            e[i] = relErr * c[i];
        }
        return Curve.single(grid, c, e);
    }

    @Test
    void peakOfASmoothCurveIsFoundBetweenGridPoints() {
        double[] grid = new double[15];
        for (int i = 0; i < grid.length; i++) grid[i] = Math.exp(-2 + 4.0 * i / 14);
        PeakFit.Peak p = PeakFit.fit(lorentzian(1.3, grid, 0.02), 8, 64, 1L);
        assertTrue(p.temperature().converged());
        // The parabola through 3 points of a Lorentzian in log T is biased by the quartic term; on this grid
        // (spacing 0.29 in log T) the vertex lands within 3% of T_c, and the bootstrap interval covers it.
        assertEquals(1.3, p.temperature().estimate(), 0.04);
        assertTrue(p.temperature().ciLow() < 1.3 && 1.3 < p.temperature().ciHigh(), p.temperature().toString());
        assertEquals(10.0, p.height().estimate(), 0.5);
    }

    @Test
    void maximumAtTheGridEdgeIsNotCalledAPeak() {
        double[] grid = {0.1, 0.2, 0.4, 0.8};
        PeakFit.Peak p = PeakFit.fit(lorentzian(5.0, grid, 0.01), 8, 64, 1L);
        assertFalse(p.temperature().converged());
        assertTrue(p.temperature().message().contains("highest"), p.temperature().message());
    }

    @Test
    void flatCurveWithNoiseHasNoPeak() {
        double[] grid = {0.1, 0.3, 1, 3, 10};
        Curve flat = Curve.single(grid, new double[] {4.0, 3.95, 4.08, 4.01, 3.97}, new double[] {0.05, 0.05, 0.05, 0.05, 0.05});
        PeakFit.Peak p = PeakFit.fit(flat, 8, 64, 1L);
        assertFalse(p.temperature().converged());
        assertTrue(p.temperature().message().startsWith("no significant peak"), p.temperature().message());
    }

    @Test
    void broadPeakWithNoisyTopIsStillAPeak() {
        // Neighbours of the maximum are within errors of it, but the ends are far below: a real, broad peak.
        double[] grid = {0.01, 0.03, 0.1, 0.3, 1, 3, 10};
        Curve broad = Curve.single(grid, new double[] {4.2, 5.1, 6.6, 7.2, 6.9, 3.0, 0.5},
                new double[] {0.1, 0.5, 1.0, 1.0, 1.0, 0.9, 0.1});
        PeakFit.Peak p = PeakFit.fit(broad, 8, 64, 1L);
        assertTrue(p.temperature().converged(), p.temperature().message());
        assertTrue(p.temperature().ciLow() < 0.3 && 0.3 < p.temperature().ciHigh(), p.temperature().toString());
    }

    @Test
    void replicasThatShiftTogetherStillShowTheirCommonPeak() {
        // Two teachers: one curve is twice the other. Their average has a peak that each replica shows, though the
        // replica spread at the top is large; paired by replica the peak is plain.
        double[] grid = {0.01, 0.03, 0.1, 0.3, 1, 3, 10};
        double[] shape = {2.0, 2.6, 3.3, 3.6, 3.4, 1.5, 0.25};
        double[][] v = new double[2][grid.length];
        double[][] e = new double[2][grid.length];
        for (int i = 0; i < grid.length; i++) {
            v[0][i] = shape[i];
            v[1][i] = 2 * shape[i];
            e[0][i] = 0.02 * shape[i];
            e[1][i] = 0.04 * shape[i];
        }
        Curve c = new Curve(grid, v, e);
        assertTrue(c.differenceError(3, -1) > 1.0, "the replica spread of the top itself is large");
        PeakFit.Peak p = PeakFit.fit(c, 8, 64, 1L);
        assertTrue(p.temperature().converged(), p.temperature().message());
        // The vertex of the parabola through (0.1, 0.3, 1) lies right of 0.3 because C(1) > C(0.1); the interval
        // holds it and stays between the neighbours.
        FitResult t = p.temperature();
        assertTrue(0.1 < t.ciLow() && t.ciLow() < t.estimate() && t.estimate() < t.ciHigh() && t.ciHigh() < 1, t.toString());
    }
}
