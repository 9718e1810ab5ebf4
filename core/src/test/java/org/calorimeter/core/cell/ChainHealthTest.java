package org.calorimeter.core.cell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.calorimeter.core.config.ConfigLoader;
import org.calorimeter.core.config.SweepConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Chains that cannot be trusted get a status of their own and a message that names the cause and the fix. */
class ChainHealthTest {
    static CellResult cell(String sampler, String temperature, String labelNoise) {
        SweepConfig c = ConfigLoader.parse("""
                name: health
                seed: 3
                model: {family: linear, input_dim: 3, label_noise: %s}
                prior: {sigma: 1.0}
                grid: {data_size: [20], temperature: [%s], replicas: 1}
                sampler: {%s, burn_in: 200, steps: 1000}
                """.formatted(labelNoise, temperature, sampler));
        return CellRunner.run(c, CellKey.grid(c).get(0), c.hash());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "step far too large|kind: mala, step_size: 1e10|1.0|0.1|stuck|step size",
        "step far too small|kind: mala, step_size: 1e-320|1.0|0.1|stuck|too small",
        "temperature below what doubles resolve|kind: mala|1e-300|0.1|failed|non-finite",
        "huge labels are not a divergence|kind: mala|1.0|1e6|ok|",
    })
    void statusAndMessage(String name, String sampler, String t, String noise, String status, String words) {
        CellResult r = cell(sampler, t, noise);
        assertEquals(status, r.status(), name + ": " + r.message());
        assertTrue(words == null || r.message().contains(words), name + ": " + r.message());
    }
}
