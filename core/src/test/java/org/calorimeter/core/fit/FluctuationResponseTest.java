package org.calorimeter.core.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FluctuationResponseTest {
    static final double[] T = {0.5, 1.0, 1.5, 2.0, 2.5};

    /** Two replicas whose <E> = E0_r + 2T: C = 2 everywhere; c_fluct as given. */
    static List<FluctuationResponse.Point> check(double[] cFluct) {
        double[][] e = new double[2][T.length];
        double[][] ee = new double[2][T.length];
        double[][] c = new double[2][T.length];
        double[][] ce = new double[2][T.length];
        for (int r = 0; r < 2; r++) {
            for (int i = 0; i < T.length; i++) {
                e[r][i] = 10 * r + 2 * T[i];
                ee[r][i] = 0.01;
                c[r][i] = cFluct[i];
                ce[r][i] = 0.05;
            }
        }
        return FluctuationResponse.of(T, e, ee, c, ce);
    }

    @Test
    void consistentEstimatesAreNotFlagged() {
        List<FluctuationResponse.Point> pts = check(new double[] {2, 2, 2, 2, 2});
        assertTrue(Double.isNaN(pts.get(0).z()) && !pts.get(0).flagged(), "no central difference at the ends");
        for (int i = 1; i < 4; i++) {
            assertEquals(2.0, pts.get(i).response().value(), 1e-12);
            assertEquals(0.0, pts.get(i).z(), 1e-9);
            assertFalse(pts.get(i).flagged());
        }
    }

    @Test
    void aFluctuationEstimateTheResponseContradictsIsFlagged() {
        // Var(E)/T^2 twice d<E>/dT at T = 1.5, as an unequilibrated chain's drift would make it; the two replicas
        // agree, so the paired difference is far outside its error.
        List<FluctuationResponse.Point> pts = check(new double[] {2, 2, 4, 2, 2});
        assertTrue(pts.get(2).flagged(), "z = " + pts.get(2).z());
        // Simpson's integral over [1, 2] weighs c_fluct(1.5) by 2/3: it exceeds the rise of <E> by 4/3, while the rule's
        // own error estimate |Simpson - trapezoid| is 1/3: z is about 4 whatever the size of the outlier.
        assertTrue(pts.get(2).z() > 3.5, "z = " + pts.get(2).z());
    }
}
