package org.calorimeter.core.estimator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReplicaAverageTest {
    @Test
    void aReplicaWithoutAChainErrorCountsThroughTheSpread() {
        // Three frozen replicas (C = 0, no chain error) and one that fluctuated.
        ReplicaAverage.Parts p = ReplicaAverage.parts(new double[] {0, 0, 0, 0.4},
                new double[] {Double.NaN, Double.NaN, Double.NaN, 0.1});
        assertEquals(0.1, p.mean(), 1e-15);
        assertEquals(0.1 / 4, p.stat(), 1e-15, "the chain term sums the replicas that have an error");
        assertEquals(Math.sqrt((3 * 0.01 + 0.09) / (3.0 * 4)), p.spread(), 1e-15);
        assertEquals(p.spread(), p.estimate().error(), 1e-15);
    }

    @Test
    void withNoErrorAnywhereOnlyTheSpreadIsLeft() {
        assertEquals(1.0, ReplicaAverage.of(new double[] {0, 2},   // sd sqrt(2) over sqrt(2)
                new double[] {Double.NaN, Double.NaN}).error(), 1e-15);
        assertTrue(Double.isNaN(ReplicaAverage.of(new double[] {1}, new double[] {Double.NaN}).error()),
                "one replica without a chain error has no error");
    }
}
