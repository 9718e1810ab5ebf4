package org.calorimeter.core.exact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class AoyagiTest {
    @Test
    void reducedRankCases() {
        // Full-rank teacher in a model that can only just represent it is regular: lambda = d_eff / 2, where
        // d_eff = H(M + N) - H^2 is the dimension of rank-H N x M matrices.
        assertEquals((3 * (3 + 3) - 3 * 3) / 2.0, Aoyagi.reducedRank(3, 3, 3, 3), 1e-15);
        // Zero teacher, M = N = H = 3: [2*3*6 - 0 - 9] / 8 + 1/8 (odd sum) = 28/8.
        assertEquals(3.5, Aoyagi.reducedRank(3, 3, 3, 0), 1e-15);
        // The calibration architectures (docs/estimators.md).
        assertEquals(4.0, Aoyagi.reducedRank(3, 3, 3, 1), 1e-15);
        assertEquals(4.0, Aoyagi.reducedRank(4, 2, 3, 1), 1e-15);
        // M + N < H + r: a very wide hidden layer; lambda = MN/2 (the product matrix is regular).
        assertEquals(1.0, Aoyagi.reducedRank(1, 10, 2, 1), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> Aoyagi.reducedRank(2, 2, 2, 3));
    }
}
