package org.calorimeter.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {
    static final String BASE = """
            name: t
            seed: 1
            model: {family: mlp, input_dim: 8, activation: tanh, teacher_width: 2, label_noise: 0.1}
            prior: {sigma: 1.0}
            grid: {width: [4, 8], data_size: [64], temperature: {from: 0.01, to: 10.0, count: 4, spacing: log}, replicas: 2}
            sampler: {kind: mala, step_size: auto, burn_in: 2000, steps: 20000, thin: 1}
            """;

    @Test
    void quickstartLoadsWithItsGrid() {
        SweepConfig c = ConfigLoader.load(Path.of("../experiment-configs/quickstart.yaml"));
        assertEquals("quickstart", c.name());
        assertEquals(List.of(4, 8, 16), c.grid().widths());
        assertEquals(10, c.grid().temperatures().size());
        assertEquals(0.01, c.grid().temperatures().get(0));
        assertEquals(10.0, c.grid().temperatures().get(9));
        assertEquals(180, c.grid().cellCount());
        assertTrue(c.sampler().autoStep());
    }

    @Test
    void resolvedYamlLoadsBackToTheSameConfigAndHash() {
        SweepConfig c = ConfigLoader.parse(BASE);
        SweepConfig again = ConfigLoader.parse(c.toYaml());
        assertEquals(c, again);
        assertEquals(c.hash(), again.hash());
    }

    @Test
    void linearIgnoresWidthAndUsesInputDim() {
        SweepConfig c = ConfigLoader.parse(BASE.replace("family: mlp, input_dim: 8, activation: tanh, teacher_width: 2,",
                "family: linear, input_dim: 8,"));
        assertEquals(List.of(8), c.grid().widths());
    }

    /** Each malformed input names its key; {@code replace} edits one spot of the base file. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "name: t|nmae: t|nmae",
        "seed: 1|seed: one|seed",
        "family: mlp|family: cnn|model.family",
        "activation: tanh|activation: relu6|model.activation",
        "input_dim: 8|input_dim: -3|model.input_dim",
        "input_dim: 8|input_dim: 2.5|model.input_dim",
        "width: [4, 8]|width: []|grid.width",
        "width: [4, 8]|width: [4, 0]|grid.width",
        "data_size: [64]|data_size: [64, x]|grid.data_size",
        "from: 0.01|from: -0.01|grid.temperature.from",
        "spacing: log|spacing: cubic|grid.temperature.spacing",
        "replicas: 2|replicas: 0|grid.replicas",
        "kind: mala|kind: hmc|sampler.kind",
        "step_size: auto|step_size: big|sampler.step_size",
        "steps: 20000|steps: 50|sampler.steps",
        "sigma: 1.0|sigma: 0|prior.sigma",
        "sigma: 1.0|sigm: 1.0|prior.sigm",
        "thin: 1|thin: 1, batch_size: 8|sampler.batch_size",
        "label_noise: 0.1|label_noise: 0.1, depth: 2|model.depth",
        "thin: 1|thin: 1, chains: 0|sampler.chains",
        "thin: 1|thin: 1, chains: 65|sampler.chains",
        "thin: 1|thin: 1, trace_length: -1|sampler.trace_length",
        "thin: 1|thin: 1, trace_length: many|sampler.trace_length",
    })
    void badInputNamesTheKey(String from, String to, String key) {
        String yaml = BASE.replace(from, to);
        assertTrue(!yaml.equals(BASE), "the replacement applies");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(yaml));
        assertEquals(key, e.key(), e.getMessage());
    }

    @Test
    void trainingKeysAreChecked() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(
                BASE + "training: {max_iterations: 100, mode_iterations: -1}\n"));
        assertEquals("training.mode_iterations", e.key());
        e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(BASE + "training: {max_iter: 100}\n"));
        assertEquals("training.max_iter", e.key());
        assertEquals(0, ConfigLoader.parse(BASE + "training: {mode_iterations: 0}\n").training().modeIterations());
    }

    @Test
    void temperatureListMustBePositive() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(
                BASE.replace("{from: 0.01, to: 10.0, count: 4, spacing: log}", "[1.0, 0.0]")));
        assertEquals("grid.temperature", e.key());
        assertTrue(e.getMessage().contains("> 0"), e.getMessage());
    }

    @Test
    void typeTagsThatNameClassesAreRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(
                "!!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://x\"]]]]"));
        assertEquals("yaml", e.key());
    }

    @Test
    void aliasBombsAreRefused() {
        StringBuilder y = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        char prev = 'a';
        for (char c = 'b'; c <= 'j'; c++) {
            y.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 10; i++) y.append(i == 0 ? "" : ", ").append('*').append(prev);
            y.append("]\n");
            prev = c;
        }
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(y.toString()));
        assertEquals("yaml", e.key());
    }

    @Test
    void missingFileNamesThePath() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Path.of("no/such.yaml")));
        assertTrue(e.getMessage().contains("no/such.yaml"));
    }
}
