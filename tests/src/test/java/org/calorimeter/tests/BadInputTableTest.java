package org.calorimeter.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.calorimeter.jobs.Main;
import org.calorimeter.jobs.Sessions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Malformed configs and flags, one table (90 hostile cases): each exits with code 2 and one line on stderr naming the key or path and
 * what is allowed, before any Spark session starts, and an existing output folder (with a precious file) is left
 * untouched. {@code edit} replaces one spot of a valid config ({@code from=>to}); {@code args} are the command line
 * with CONFIG, DATA, OUT and OTHER standing for the files below.
 */
class BadInputTableTest {
    @TempDir
    static Path tmp;
    static Path data;
    static Path other;

    static final String BASE = """
            name: bad
            seed: 1
            model: {family: linear, input_dim: 2, label_noise: 0.1}
            grid: {data_size: [10], temperature: [1.0], replicas: 1}
            sampler: {kind: mala, burn_in: 200, steps: 1000}
            """;

    @BeforeAll
    static void files() throws IOException {
        data = Files.writeString(tmp.resolve("data.csv"), "a,b,y\n1,2,3\n4,5,6\n");
        other = tmp.resolve("other-sweep");
        Files.createDirectories(other.resolve("cells"));
        Files.writeString(other.resolve("config.yaml"), BASE.replace("seed: 1", "seed: 99"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown key|seed: 1=>seed: 1\\nsede: 2|sweep CONFIG --out OUT|sede",
        "name of dots|name: bad=>name: ..|sweep CONFIG --out OUT|name",
        "name starting with a dot|name: bad=>name: .hidden|sweep CONFIG --out OUT|name",
        "replicas that overflow an int product|replicas: 1=>replicas: 2147483647|sweep CONFIG --out OUT|grid",
        "more cells than --max-cells|replicas: 1=>replicas: 2000000|sweep CONFIG --out OUT|--max-cells",
        "--max-cells below 1|seed: 1=>seed: 1|sweep CONFIG --out OUT --max-cells 0|--max-cells",
        "a temperature count of 10^8|temperature: [1.0]=>temperature: {from: 1, to: 2, count: 100000000}|sweep CONFIG --out OUT|grid.temperature.count",
        "a width whose parameter count overflows|family: linear, input_dim: 2, label_noise: 0.1=>family: mlp, input_dim: 2, depth: 2;;data_size: [10]=>width: [100000], data_size: [10]|sweep CONFIG --out OUT|grid.width",
        "glob characters in --out|seed: 1=>seed: 1|sweep CONFIG --out OUT/run[1]|--out",
        "unknown model key|label_noise: 0.1=>label_noise: 0.1, depht: 2|sweep CONFIG --out OUT|model.depht",
        "wrong type seed|seed: 1=>seed: one|sweep CONFIG --out OUT|seed",
        "wrong type input_dim|input_dim: 2=>input_dim: two|sweep CONFIG --out OUT|model.input_dim",
        "empty grid|data_size: [10]=>data_size: []|sweep CONFIG --out OUT|grid.data_size",
        "negative data size|data_size: [10]=>data_size: [-10]|sweep CONFIG --out OUT|grid.data_size",
        "negative temperature|temperature: [1.0]=>temperature: [-1.0]|sweep CONFIG --out OUT|grid.temperature",
        "zero replicas|replicas: 1=>replicas: 0|sweep CONFIG --out OUT|grid.replicas",
        "unknown family|family: linear=>family: transformer|sweep CONFIG --out OUT|model.family",
        "unknown sampler|kind: mala=>kind: nuts|sweep CONFIG --out OUT|sampler.kind",
        "sampler for spins|family: linear, input_dim: 2, label_noise: 0.1=>family: curie-weiss;;data_size: [10]=>width: [10]|sweep CONFIG --out OUT|sampler.kind",
        "data_size on ising|family: linear, input_dim: 2, label_noise: 0.1=>family: ising-2d;;data_size: [10]=>width: [4], data_size: [10]|sweep CONFIG --out OUT|grid.data_size",
        "too few steps|steps: 1000=>steps: 10|sweep CONFIG --out OUT|sampler.steps",
        "missing data file|label_noise: 0.1=>label_noise: 0.1, data: {format: csv, path: /nonexistent/d.csv, features: [a, b], label: y}|sweep CONFIG --out OUT|model.data.path",
        "missing data column|label_noise: 0.1=>label_noise: 0.1, data: {format: csv, path: DATA, features: [a, q], label: y}|sweep CONFIG --out OUT|model.data.features",
        "missing label column|label_noise: 0.1=>label_noise: 0.1, data: {format: csv, path: DATA, features: [a, b], label: z}|sweep CONFIG --out OUT|model.data.label",
        "D larger than the data|label_noise: 0.1=>label_noise: 0.1, data: {format: csv, path: DATA, features: [a, b], label: y}|sweep CONFIG --out OUT|grid.data_size",
        "unknown data format|label_noise: 0.1=>label_noise: 0.1, data: {format: xlsx, path: DATA, features: [a, b], label: y}|sweep CONFIG --out OUT|model.data.format",
        "type tag|name: bad=>name: !!java.io.File bad|sweep CONFIG --out OUT|yaml",
        "alias bomb|seed: 1=>seed: 1\\nx: &a [1,1,1,1,1,1,1,1,1]\\ny: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\\nz: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\\nw: [*c,*c,*c,*c,*c,*c,*c,*c,*c]|sweep CONFIG --out OUT|yaml",
        "not a mapping|name: bad=>- name: bad|sweep CONFIG --out OUT|yaml",
        "missing config file|-|sweep /nonexistent/sweep.yaml --out OUT|nonexistent",
        "output of another sweep|-|sweep CONFIG --out OTHER|config_hash",
        "unwritable output|-|sweep CONFIG --out /proc/forbidden/out|--out",
        "bad master|-|sweep CONFIG --out OUT --master local[two]|--master",
        "unknown flag|-|sweep CONFIG --outt OUT|--outt",
        "missing subcommand argument|-|sweep|CONFIG",
        "aggregate without cells|-|aggregate OUT|cells/",
        "refine without a sweep|-|refine OUT|DIR",
        "refine bad count|-|refine OTHER --add 0|--add",
        "NaN temperature|temperature: [1.0]=>temperature: [.nan]|sweep CONFIG --out OUT|grid.temperature",
        "infinite temperature|temperature: [1.0]=>temperature: [.inf]|sweep CONFIG --out OUT|grid.temperature",
        "zero temperature|temperature: [1.0]=>temperature: [0.0]|sweep CONFIG --out OUT|grid.temperature",
        "temperature range upside down|temperature: [1.0]=>temperature: {from: 2, to: 1, count: 5}|sweep CONFIG --out OUT|grid.temperature",
        "unknown temperature spacing|temperature: [1.0]=>temperature: {from: 1, to: 2, count: 5, spacing: cubic}|sweep CONFIG --out OUT|grid.temperature.spacing",
        "data size beyond an int|data_size: [10]=>data_size: [10000000000000]|sweep CONFIG --out OUT|grid.data_size",
        "zero width|family: linear, input_dim: 2, label_noise: 0.1=>family: mlp, input_dim: 2;;data_size: [10]=>width: [0], data_size: [10]|sweep CONFIG --out OUT|grid.width",
        "depth for a linear model|data_size: [10]=>depth: [1, 2], data_size: [10]|sweep CONFIG --out OUT|grid.depth",
        "depth in grid and model|family: linear, input_dim: 2, label_noise: 0.1=>family: mlp, input_dim: 2, depth: 2;;data_size: [10]=>width: [2], depth: [1, 2], data_size: [10]|sweep CONFIG --out OUT|grid.depth",
        "a depth of 65 layers|family: linear, input_dim: 2, label_noise: 0.1=>family: mlp, input_dim: 2;;data_size: [10]=>width: [2], depth: [1, 65], data_size: [10]|sweep CONFIG --out OUT|grid.depth",
        "a depth of 0|family: linear, input_dim: 2, label_noise: 0.1=>family: mlp, input_dim: 2;;data_size: [10]=>width: [2], depth: [0], data_size: [10]|sweep CONFIG --out OUT|grid.depth",
        "zero input_dim|input_dim: 2=>input_dim: 0|sweep CONFIG --out OUT|model.input_dim",
        "negative label noise|label_noise: 0.1=>label_noise: -0.1|sweep CONFIG --out OUT|model.label_noise",
        "unknown activation|family: linear, input_dim: 2, label_noise: 0.1=>family: mlp, input_dim: 2, activation: relu6;;data_size: [10]=>width: [2], data_size: [10]|sweep CONFIG --out OUT|model.activation",
        "zero prior sigma|seed: 1=>seed: 1\\nprior: {sigma: 0}|sweep CONFIG --out OUT|prior.sigma",
        "unknown prior key|seed: 1=>seed: 1\\nprior: {sigma: 1, kind: laplace}|sweep CONFIG --out OUT|prior.kind",
        "negative step size|kind: mala=>kind: mala, step_size: -0.1|sweep CONFIG --out OUT|sampler.step_size",
        "word step size|kind: mala=>kind: mala, step_size: fast|sweep CONFIG --out OUT|sampler.step_size",
        "negative burn-in|burn_in: 200=>burn_in: -5|sweep CONFIG --out OUT|sampler.burn_in",
        "unknown sampler key|kind: mala=>kind: mala, stpes: 5|sweep CONFIG --out OUT|sampler.stpes",
        "zero chains|kind: mala=>kind: mala, chains: 0|sweep CONFIG --out OUT|sampler.chains",
        "zero leapfrog steps|kind: mala=>kind: hmc, leapfrog: 0|sweep CONFIG --out OUT|sampler.leapfrog",
        "leapfrog for MALA|kind: mala=>kind: mala, leapfrog: 8|sweep CONFIG --out OUT|sampler.leapfrog",
        "too many Fisher eigenvalues|kind: mala=>kind: mala, fisher_top: 21|sweep CONFIG --out OUT|sampler.fisher_top",
        "negative Fisher eigenvalues|kind: mala=>kind: mala, fisher_top: -1|sweep CONFIG --out OUT|sampler.fisher_top",
        "negative localization|kind: mala=>kind: mala, localization: -1|sweep CONFIG --out OUT|sampler.localization",
        "unknown exchange ladder|kind: mala=>kind: mala, exchange: {ladder: manual}|sweep CONFIG --out OUT|sampler.exchange.ladder",
        "exchange every 0|kind: mala=>kind: mala, exchange: {every: 0}|sweep CONFIG --out OUT|sampler.exchange.every",
        "unknown training key|seed: 1=>seed: 1\\ntraining: {max_iter: 5}|sweep CONFIG --out OUT|training.max_iter",
        "negative training tolerance|seed: 1=>seed: 1\\ntraining: {tolerance: -1}|sweep CONFIG --out OUT|training.tolerance",
        "unknown top-level section|seed: 1=>seed: 1\\nsamplr: {}|sweep CONFIG --out OUT|samplr",
        "duplicate key|seed: 1=>seed: 1\\nseed: 2|sweep CONFIG --out OUT|yaml",
        "name with a slash|name: bad=>name: a/b|sweep CONFIG --out OUT|name",
        "name of 300 characters|name: bad=>name: LONGNAME|sweep CONFIG --out OUT|name",
        "a config over 1 MiB|seed: 1=>seed: 1\\n#HUGE|sweep CONFIG --out OUT|yaml",
        "an empty config|name: bad=>EMPTY|sweep CONFIG --out OUT|yaml",
        "binary garbage|name: bad=>BINARY|sweep CONFIG --out OUT|yaml",
        "config is a folder|-|sweep OTHER --out OUT|config: ",
        "data path is a folder|label_noise: 0.1=>label_noise: 0.1, data: {format: csv, path: OTHERDIR, features: [a, b], label: y}|sweep CONFIG --out OUT|is a folder",
        "no features|label_noise: 0.1=>label_noise: 0.1, data: {format: csv, path: DATA, features: [], label: y}|sweep CONFIG --out OUT|model.data.features",
        "--out is a file|-|sweep CONFIG --out FILE|--out",
        "--max-cells not a number|-|sweep CONFIG --out OUT --max-cells many|--max-cells",
        "unknown subcommand|-|sweeep CONFIG --out OUT|allowed: sweep, aggregate, refine, calibrate",
        "refine --add beyond the temperature bound|-|refine OTHER --add 100000|--add",
        "--set without a value|-|sweep CONFIG --out OUT --set grid.replicas|--set",
        "--set with a malformed key|-|sweep CONFIG --out OUT --set grid..replicas=2|--set",
        "--set with malformed YAML|-|sweep CONFIG --out OUT --set grid.replicas=[1,|--set",
        "--set into a value|-|sweep CONFIG --out OUT --set seed.x=1|seed is a value",
        "--set of an unknown key|-|sweep CONFIG --out OUT --set sampler.knd=hmc|sampler.knd",
        "--set of a bad value|-|sweep CONFIG --out OUT --set grid.replicas=0|grid.replicas",
        "--fail-on unknown|-|sweep CONFIG --out OUT --fail-on never|--fail-on",
        "D larger than the data (3 rows)|label_noise: 0.1=>label_noise: 0.1, data: {format: csv, path: DATA, features: [a, b], label: y};;data_size: [10]=>data_size: [2, 5]|sweep CONFIG --out OUT|grid.data_size",
    })
    void badInputIsOneLineExitTwoBeforeSpark(String name, String edit, String args, String key) throws IOException {
        String yaml = BASE;
        if (!edit.equals("-")) {
            for (String one : edit.split(";;")) {
                String[] ft = one.split("=>", 2);
                String to = ft[1].replace("\\n", "\n").replace("DATA", data.toString())
                        .replace("OTHERDIR", other.toString()).replace("LONGNAME", "n".repeat(300))
                        .replace("#HUGE", "#" + "x".repeat(2 << 20));
                if (to.equals("EMPTY")) {
                    yaml = "";
                    continue;
                }
                if (to.equals("BINARY")) {
                    yaml = "\u0000\u0001\u00ff\ufffe PK\u0003\u0004";
                    continue;
                }
                assertTrue(yaml.contains(ft[0]), name + ": the edit applies");
                yaml = yaml.replace(ft[0], to);
            }
        }
        Path config = Files.writeString(tmp.resolve(name.replace(' ', '-') + ".yaml"), yaml);
        Path out = tmp.resolve("out-" + name.replace(' ', '-'));
        Files.createDirectories(out);
        Path precious = Files.writeString(out.resolve("notes.txt"), "mine");
        List<String> argv = new ArrayList<>();
        for (String a : args.split(" ")) {
            argv.add(a.replace("CONFIG", config.toString()).replace("OUT", out.toString())
                    .replace("OTHER", other.toString()).replace("FILE", precious.toString()));
        }
        int sessions = Sessions.started();
        PrintStream saved = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.execute(argv.toArray(String[]::new));
        } finally {
            System.setErr(saved);
        }
        String err = buf.toString(StandardCharsets.UTF_8).strip();
        System.out.println(name + " -> " + err);
        assertEquals(2, code, name + ": " + err);
        assertEquals(1, err.lines().count(), name + ": one line: " + err);
        assertTrue(err.contains(key), name + ": names " + key + ": " + err);
        assertEquals(sessions, Sessions.started(), name + ": no Spark session was started");
        assertEquals("mine", Files.readString(precious), name + ": existing output untouched");
        try (var list = Files.list(out)) {
            assertEquals(1, list.count(), name + ": nothing written to the output folder");
        }
        assertTrue(Files.isDirectory(other.resolve("cells")) && Files.readString(other.resolve("config.yaml"))
                .contains("seed: 99"), "the other sweep's folder is untouched");
    }

}
