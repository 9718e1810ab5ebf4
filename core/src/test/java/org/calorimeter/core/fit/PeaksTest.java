package org.calorimeter.core.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PeaksTest {
    @Test
    void theVertexOfASampledParabolaIsExact() {
        double[] x = {0.1, 0.35, 0.5, 0.9, 1.4, 2.0};
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) y[i] = 3 - 2 * (x[i] - 0.8) * (x[i] - 0.8);
        Peaks.Peak p = Peaks.locate(x, y);
        assertTrue(p.bracketed());
        assertEquals(3, p.index());
        // Three points of a parabola determine it: the vertex is exact up to rounding.
        assertEquals(0.8, p.x(), 1e-12);
        assertEquals(3.0, p.y(), 1e-12);
    }

    @Test
    void aMaximumAtAnEndIsNotBracketed() {
        Peaks.Peak p = Peaks.locate(new double[] {1, 2, 3}, new double[] {1, 2, 5});
        assertFalse(p.bracketed());
        assertEquals(2, p.index());
        assertEquals(3.0, p.x(), 0.0);
        assertEquals(5.0, p.y(), 0.0);
    }

    @Test
    void everyKindHasBootstrapSettingsThatMatchItsProducer() {
        for (String kind : FitKind.all().keySet()) {
            FitKind.Bootstrap b = FitKind.bootstrap(kind);
            assertTrue(b.replicates() >= 0 && !b.resampling().isEmpty(), kind);
            assertEquals(b.replicates() == 0, b.resampling().equals("none"), kind);
        }
        assertEquals(PeakFit.BOOTSTRAP, FitKind.bootstrap("peak_temperature").replicates());
        assertEquals(Reweighting.BOOTSTRAP, FitKind.bootstrap("peak_temperature_rw").replicates());
        assertEquals(GridScaling.BOOTSTRAP, FitKind.bootstrap("capacity_optimal_width").replicates());
        assertEquals(SizeScaling.COLLAPSE_REPLICATES, FitKind.bootstrap("collapse_chi_tc").replicates());
        assertEquals(0, FitKind.bootstrap("prior_kl").replicates());
    }
}
