package org.calorimeter.core.fit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Neighbours without any shared energy range are detected before MBAR is asked to bridge them. */
class DisjointNeighboursTest {
    @Test
    void disjointRangesAreDetectedAndOverlappingOnesAreNot() {
        double[][] apart = {{1.0, 1.1, 1.2}, {5.0, 5.5, 6.0}, {5.8, 7.0, 9.0}};
        double[][] touching = {{1.0, 1.1, 2.0}, {1.9, 2.5, 3.0}};
        assertTrue(Reweighting.disjointNeighbours(apart));
        assertFalse(Reweighting.disjointNeighbours(touching));
        assertThrows(IllegalArgumentException.class, () -> Reweighting.of(new double[] {0.003, 0.3, 30}, apart,
                apart, 1, 4, 10, 1L), "Reweighting refuses instead of grinding");
    }
}
