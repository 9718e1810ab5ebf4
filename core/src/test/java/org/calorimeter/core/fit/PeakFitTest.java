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
        return new Curve(grid, c, e);
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
        Curve flat = new Curve(grid, new double[] {4.0, 3.95, 4.08, 4.01, 3.97}, new double[] {0.05, 0.05, 0.05, 0.05, 0.05});
        PeakFit.Peak p = PeakFit.fit(flat, 8, 64, 1L);
        assertFalse(p.temperature().converged());
        assertTrue(p.temperature().message().startsWith("no significant peak"), p.temperature().message());
    }
}
