package org.calorimeter.core.cell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.calorimeter.core.config.ConfigLoader;
import org.calorimeter.core.config.SweepConfig;
import org.junit.jupiter.api.Test;

class DeterminismTest {
    static final SweepConfig CONFIG = ConfigLoader.parse("""
            name: determinism
            seed: 42
            model: {family: mlp, input_dim: 4, activation: tanh, teacher_width: 2}
            prior: {sigma: 1.0}
            grid: {width: [3], data_size: [20], temperature: [0.5, 1.0], replicas: 2}
            sampler: {kind: mala, burn_in: 200, steps: 1000}
            training: {max_iterations: 200}
            """);

    /** A cell's numbers with its wall time blanked: what must be bitwise reproducible. */
    static CellResult withoutWallTime(CellResult r) {
        return r.withoutWallTime();
    }

    @Test
    void sameCellGivesBitwiseTheSameNumbers() {
        CellKey key = new CellKey(3, 20, 0.5, 1);
        CellResult a = withoutWallTime(CellRunner.run(CONFIG, key, CONFIG.hash()));
        CellResult b = withoutWallTime(CellRunner.run(CONFIG, key, CONFIG.hash()));
        assertEquals(a, b);   // record equality compares doubles bit for bit (Double.compare)
    }

    @Test
    void cellOrderDoesNotMatter() {
        CellKey k1 = new CellKey(3, 20, 0.5, 0);
        CellKey k2 = new CellKey(3, 20, 1.0, 1);
        CellResult a1 = withoutWallTime(CellRunner.run(CONFIG, k1, CONFIG.hash()));
        CellResult a2 = withoutWallTime(CellRunner.run(CONFIG, k2, CONFIG.hash()));
        CellResult b2 = withoutWallTime(CellRunner.run(CONFIG, k2, CONFIG.hash()));
        CellResult b1 = withoutWallTime(CellRunner.run(CONFIG, k1, CONFIG.hash()));
        assertEquals(a1, b1);
        assertEquals(a2, b2);
    }

    @Test
    void severalChainsAreReproducibleToo() {
        SweepConfig two = ConfigLoader.parse(CONFIG.toYaml().replace("chains: 1", "chains: 2"));
        CellKey key = new CellKey(3, 20, 1.0, 0);
        assertEquals(withoutWallTime(CellRunner.run(two, key, two.hash())),
                withoutWallTime(CellRunner.run(two, key, two.hash())));
        assertNotEquals(key.chainSeed(42, 0), key.chainSeed(42, 1));
        assertEquals(key.chainSeed(42), key.chainSeed(42, 0), "chain 0 is the cell's own stream");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
        "model: {family: ising-2d}\ngrid: {width: [4], temperature: [2.3], replicas: 1}\nsampler: {chains: 2, steps: 500}",
        "model: {family: curie-weiss}\ngrid: {width: [20], temperature: [1.0]}\nsampler: {steps: 500}",
        "model: {family: ising-perceptron}\ngrid: {width: [9], data_size: [30], temperature: [1.0]}\nsampler: {steps: 500}",
        "model: {family: deep-linear, widths: [3, 2, 2], teacher_rank: 1}\ngrid: {data_size: [30], temperature: [1.0]}\n"
                + "prior: {sigma: 1.0}\nsampler: {steps: 500, localization: 1.0}"})
    void everyFamilyIsReproducible(String body) {
        SweepConfig c = ConfigLoader.parse("name: d\nseed: 3\n" + body);
        CellKey key = CellKey.grid(c).get(0);
        CellResult a = withoutWallTime(CellRunner.run(c, key, c.hash()));
        // The cell has estimates (a short 500-step chain may be short_chain or unmixed; failed or diverged is a defect).
        assertTrue(java.util.Set.of(CellResult.OK, CellResult.SHORT_CHAIN, CellResult.UNMIXED).contains(a.status()),
                a.status() + ": " + a.message());
        assertEquals(a, withoutWallTime(CellRunner.run(c, key, c.hash())));
    }

    @Test
    void distinctCellsHaveDistinctStreams() {
        long s1 = new CellKey(3, 20, 0.5, 0).chainSeed(42);
        assertNotEquals(s1, new CellKey(3, 20, 0.5, 1).chainSeed(42));
        assertNotEquals(s1, new CellKey(3, 20, 1.0, 0).chainSeed(42));
        assertNotEquals(s1, new CellKey(3, 21, 0.5, 0).chainSeed(42));
        assertNotEquals(s1, new CellKey(3, 20, 0.5, 0).chainSeed(43));
        // ... while the training start is shared along a line of temperatures.
        assertEquals(new CellKey(3, 20, 0.5, 0).initSeed(42), new CellKey(3, 20, 1.0, 0).initSeed(42));
    }
}
