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
    void exchangeIsTheDefaultForExactSamplersOnLinesOfThreeOrMoreTemperatures() {
        assertTrue(ConfigLoader.parse(BASE).sampler().exchange().on(), "mala, 4 temperatures");
        assertEquals(1, ConfigLoader.parse(BASE).sampler().exchange().every());
        assertTrue(!ConfigLoader.parse(BASE.replace("kind: mala, step_size: auto", "kind: sgld")).sampler().exchange()
                .on(), "sgld is not exact: off unless asked for");
        assertTrue(!ConfigLoader.parse(BASE.replace("count: 4", "count: 2")).sampler().exchange().on(), "2 temperatures");
        SweepConfig auto = ConfigLoader.parse(BASE.replace("thin: 1", "thin: 1, exchange: {ladder: auto, target: 0.3}"));
        assertTrue(auto.sampler().exchange().autoLadder());
        assertEquals(auto, ConfigLoader.parse(auto.toYaml()));
        SweepConfig off = ConfigLoader.parse(BASE.replace("thin: 1", "thin: 1, exchange: false"));
        assertEquals(off, ConfigLoader.parse(off.toYaml()));
        assertTrue(!off.sampler().exchange().on());
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
        "kind: mala|kind: hamiltonian|sampler.kind",
        "step_size: auto|step_size: big|sampler.step_size",
        "steps: 20000|steps: 50|sampler.steps",
        "sigma: 1.0|sigma: 0|prior.sigma",
        "sigma: 1.0|sigm: 1.0|prior.sigm",
        "thin: 1|thin: 1, batch_size: 8|sampler.batch_size",
        "label_noise: 0.1|label_noise: 0.1, depth: 0|model.depth",
        "label_noise: 0.1|label_noise: 0.1, bias: true|model.bias",
        "thin: 1|thin: 1, localization: -1|sampler.localization",
        "label_noise: 0.1|label_noise: 0.1, data: {format: xls, path: a.xls, features: [a], label: y}|model.data.format",
        "label_noise: 0.1|label_noise: 0.1, data: {format: csv, path: a.csv, features: [], label: y}|model.data.features",
        "label_noise: 0.1|label_noise: 0.1, data: {format: csv, path: a.csv, features: [a, y], label: y}|model.data.label",
        "thin: 1|thin: 1, chains: 0|sampler.chains",
        "thin: 1|thin: 1, chains: 65|sampler.chains",
        "thin: 1|thin: 1, trace_length: -1|sampler.trace_length",
        "thin: 1|thin: 1, trace_length: many|sampler.trace_length",
        "thin: 1|thin: 1, exchange: sometimes|sampler.exchange",
        "thin: 1|thin: 1, exchange: {every: 0}|sampler.exchange.every",
        "thin: 1|thin: 1, exchange: {ladder: wide}|sampler.exchange.ladder",
        "thin: 1|thin: 1, exchange: {target: 1.5}|sampler.exchange.target",
        "thin: 1|thin: 1, exchange: {target: 0}|sampler.exchange.target",
        "thin: 1|thin: 1, exchange: {max_temperatures: 3}|sampler.exchange.max_temperatures",
        "thin: 1|thin: 1, exchange: {max_temperatures: 100000}|sampler.exchange.max_temperatures",
        "thin: 1|thin: 1, exchange: {swaps: 3}|sampler.exchange.swaps",
        "thin: 1|thin: 1, leapfrog: 4|sampler.leapfrog",
        "kind: mala|kind: hmc, leapfrog: 0|sampler.leapfrog",
        "kind: mala|kind: hmc, leapfrog: 5000|sampler.leapfrog",
    })
    void badInputNamesTheKey(String from, String to, String key) {
        checkBad(from, to, key);
    }

    /** Whole model and grid sections of the newer families, each wrong in one place. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{family: ising-2d}|{width: [8], data_size: [10], temperature: [2.0]}|mala|grid.data_size",
        "{family: ising-2d}|{width: [2], temperature: [2.0]}|wolff|grid.width",
        "{family: curie-weiss}|{width: [50], temperature: [1.0]}|wolff|sampler.kind",
        "{family: ising-2d}|{width: [8], temperature: [2.0]}|mala|sampler.kind",
        "{family: ising-perceptron, label_noise: 0.5}|{width: [9], data_size: [10], temperature: [1.0]}|metropolis|model.label_noise",
        "{family: ising-perceptron, input_dim: 3}|{width: [9], data_size: [10], temperature: [1.0]}|metropolis|model.input_dim",
        "{family: deep-linear, widths: [3, 2], teacher_rank: 1}|{data_size: [10], temperature: [1.0]}|mala|model.widths",
        "{family: deep-linear, widths: [3, 2, 2], teacher_rank: 3}|{data_size: [10], temperature: [1.0]}|mala|model.teacher_rank",
        "{family: deep-linear, widths: [3, 0, 2]}|{data_size: [10], temperature: [1.0]}|mala|model.widths",
        "{family: mlp, input_dim: 2, activation: relu, depth: 2}|{width: [3], data_size: [10], temperature: [1.0]}|metropolis|sampler.kind",
    })
    void newerFamiliesNameTheKey(String model, String grid, String kind, String key) {
        String yaml = "name: t\nseed: 1\nmodel: " + model + "\ngrid: " + grid + "\nsampler: {kind: " + kind + "}\n";
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(yaml));
        assertEquals(key, e.key(), e.getMessage());
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
        "model: {family: ising-2d}\ngrid: {width: [8, 16], temperature: [2.0, 2.5]}",
        "model: {family: curie-weiss}\ngrid: {width: [100], temperature: [1.0]}",
        "model: {family: ising-perceptron, label_noise: 0.1}\ngrid: {width: [9], data_size: [10], temperature: [1.0]}",
        "model: {family: deep-linear, widths: [3, 4, 2], teacher_rank: 1}\ngrid: {data_size: [10], temperature: [1.0]}",
        "model: {family: deep-linear, widths: [3, 4, 2]}\ngrid: {width: [2, 5], data_size: [10], temperature: [1.0]}",
        "model: {family: mlp, input_dim: 3, activation: relu, depth: 3}\ngrid: {width: [4], data_size: [10], "
                + "temperature: [1.0]}\nsampler: {kind: sgld, localization: 100.0}",
        "model: {family: linear, input_dim: 3, bias: true, data: {format: csv, path: d.csv, features: [a, b, c], "
                + "label: y}}\ngrid: {data_size: [10], temperature: [1.0]}"})
    void everyFamilyRoundTripsThroughItsResolvedYaml(String body) {
        SweepConfig c = ConfigLoader.parse("name: t\nseed: 1\n" + body);
        SweepConfig again = ConfigLoader.parse(c.toYaml());
        assertEquals(c, again);
        assertEquals(c.hash(), again.hash());
    }

    private void checkBad(String from, String to, String key) {
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
