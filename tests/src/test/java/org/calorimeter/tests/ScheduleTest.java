package org.calorimeter.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import org.calorimeter.core.cell.CellKey;
import org.calorimeter.core.config.ConfigLoader;
import org.calorimeter.core.config.SweepConfig;
import org.calorimeter.jobs.SweepJob;
import org.junit.jupiter.api.Test;

/** Cells are launched largest first, so big cells never queue behind each other at the end of a sweep. */
class ScheduleTest {
    @Test
    void everyCellOnceLargestFirst() {
        SweepConfig c = ConfigLoader.parse(LocalSweepTest.TINY);
        List<CellKey> order = SweepJob.schedule(c);
        assertEquals(c.grid().cellCount(), order.size());
        assertEquals(order.size(), new HashSet<>(order).size());
        for (int i = 1; i < order.size(); i++) {
            assertTrue(order.get(i - 1).cost(c) >= order.get(i).cost(c), "cost descends at " + i);
        }
        assertEquals(3, order.get(0).width());
        assertEquals(32, order.get(0).dataSize());
    }
}
