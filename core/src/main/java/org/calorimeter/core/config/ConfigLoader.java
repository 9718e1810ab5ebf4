package org.calorimeter.core.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.calorimeter.core.model.Activation;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Loads a sweep YAML into a validated {@link SweepConfig}. Loading is safe: SnakeYAML's SafeConstructor
 * builds only maps, lists and scalars (a tag naming a class is an error), aliases are capped and duplicate
 * keys are refused. Every error is a {@link ConfigException} naming the dotted key and what is allowed.
 */
public final class ConfigLoader {
    private ConfigLoader() {}

    public static SweepConfig load(Path path) {
        return load(path, List.of());
    }

    /**
     * Loads {@code path} with command-line overrides applied first, each {@code key.path=value} (the value read as
     * YAML: {@code 4}, {@code hmc}, {@code [0.1, 1.0]}, {@code {ladder: auto}}). The result is checked as a whole,
     * so an override is held to the same rules as the file, and it is part of the resolved config and its hash.
     */
    public static SweepConfig load(Path path, List<String> overrides) {
        if (Files.isDirectory(path)) {
            throw new ConfigException("config", path + " is a folder; give the sweep's YAML file");
        }
        if (!Files.isRegularFile(path)) {
            throw new ConfigException("config", "no such file: " + path);
        }
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            return fromYaml(reader, overrides);
        } catch (NoSuchFileException e) {
            throw new ConfigException("config", "no such file: " + path);
        } catch (IOException e) {
            throw new ConfigException("config", "cannot read " + path + ": " + e.getMessage());
        }
    }

    /** One {@code key.path=value} into the config tree (sections created as needed). */
    static void apply(Map<String, Object> tree, String override) {
        int eq = override.indexOf('=');
        if (eq <= 0 || !override.substring(0, eq).matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*")) {
            throw new ConfigException("--set", "'" + override + "' is not allowed; expected key.path=value, e.g. "
                    + "grid.replicas=4 or sampler.kind=hmc");
        }
        String[] path = override.substring(0, eq).split("\\.");
        Object value;
        try {
            value = yaml().load(override.substring(eq + 1));
        } catch (YAMLException e) {
            throw new ConfigException("--set", override.substring(0, eq) + ": the value is not valid YAML: "
                    + firstLine(e.getMessage()));
        }
        Map<String, Object> at = tree;
        for (int i = 0; i + 1 < path.length; i++) {
            Object next = at.get(path[i]);
            if (next == null) {
                next = new java.util.LinkedHashMap<String, Object>();
                at.put(path[i], next);
            }
            if (!(next instanceof Map)) {
                throw new ConfigException("--set", String.join(".", java.util.Arrays.copyOf(path, i + 1))
                        + " is a value, not a section; cannot set " + override.substring(0, eq));
            }
            at = cast(next);
        }
        at.put(path[path.length - 1], value);
    }

    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(20);   // a sweep file needs none; this stops alias bombs
        options.setAllowRecursiveKeys(false);
        options.setCodePointLimit(1 << 20);          // 1 MiB: a sweep file is a few hundred bytes
        return new Yaml(new SafeConstructor(options));
    }

    public static SweepConfig parse(String yaml) {
        return fromYaml(new java.io.StringReader(yaml), List.of());
    }

    private static SweepConfig fromYaml(Reader reader, List<String> overrides) {
        Object root;
        try {
            root = yaml().load(reader);
        } catch (YAMLException e) {
            throw new ConfigException("yaml", "not a valid sweep file: " + firstLine(e.getMessage()));
        }
        if (!(root instanceof Map)) {
            throw new ConfigException("yaml", "the file must be a mapping with keys "
                    + "[name, seed, model, prior, grid, sampler, training]");
        }
        Map<String, Object> tree = cast(root);
        for (String o : overrides) apply(tree, o);
        return build(new Section("", tree));
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        return s.strip().replace('\n', ' ');
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object o) {
        return (Map<String, Object>) o;
    }

    private static SweepConfig build(Section root) {
        root.allowOnly("name", "seed", "model", "prior", "grid", "sampler", "training");
        String name = root.string("name", null);
        if (!name.matches("[A-Za-z0-9_-][A-Za-z0-9_.-]{0,99}")) {
            String shown = name.length() > 40 ? name.substring(0, 40) + "... (" + name.length() + " characters)" : name;
            throw new ConfigException("name", "'" + shown + "' must be 1-100 characters from [A-Za-z0-9_.-], not starting "
                    + "with '.' (it names the output folder under runs/)");
        }
        long seed = root.longValue("seed", null);

        Section m = root.section("model", false);
        Family family = Family.parse("model.family", m.string("family", null));
        ModelSpec model = model(m, family);
        PriorSpec prior = PriorSpec.FLAT;
        Section p = root.section("prior", true);
        if (p != null) {
            p.allowOnly("sigma");
            if (p.has("sigma")) prior = new PriorSpec(p.positive("sigma", null));
        }

        Section g = root.section("grid", false);
        g.allowOnly("width", "depth", "data_size", "temperature", "replicas");
        List<Integer> widths;
        if (family == Family.LINEAR) {
            if (g.has("width")) g.positiveIntList("width");   // validated, then ignored: d = input_dim
            widths = List.of(model.inputDim());
        } else if (family == Family.DEEP_LINEAR && !g.has("width")) {
            widths = List.of(0);   // width 0: the hidden widths of model.widths as they stand
        } else {
            widths = g.positiveIntList("width");
        }
        if (family == Family.ISING_2D && widths.get(0) < 3) {
            throw new ConfigException("grid.width", widths.get(0) + " is not allowed for ising-2d; the lattice side L "
                    + "must be >= 3");
        }
        if (family == Family.CURIE_WEISS && widths.get(0) < 2) {
            throw new ConfigException("grid.width", "1 is not allowed for curie-weiss; N must be >= 2");
        }
        List<Integer> dataSizes;
        if (family.hasData()) {
            dataSizes = g.positiveIntList("data_size");
        } else {
            if (g.has("data_size")) {
                throw new ConfigException("grid.data_size", "not part of the grid for " + family.key()
                        + ": the system has no training data; remove the key");
            }
            dataSizes = List.of(0);
        }
        List<Integer> depths = List.of(model.depth());
        if (g.has("depth")) {
            if (family != Family.MLP) {
                throw new ConfigException("grid.depth", "not part of the grid for " + family.key() + ": only mlp has "
                        + "a depth (hidden layers); remove the key");
            }
            if (m.has("depth")) {
                throw new ConfigException("grid.depth", "given with model.depth; give the depths in grid.depth only");
            }
            depths = g.positiveIntList("depth");
            if (depths.get(depths.size() - 1) > MAX_DEPTH) {
                throw new ConfigException("grid.depth", depths.get(depths.size() - 1) + " is not allowed; expected 1 to "
                        + MAX_DEPTH + " hidden layers");
            }
            model = model.withDepth(depths.get(0));
        }
        List<Double> temperatures = g.temperatures("temperature");
        int replicas = g.positiveInt("replicas", 1);
        GridSpec grid = new GridSpec(widths, depths, dataSizes, temperatures, replicas);

        Section s = root.section("sampler", true);
        if (s == null) s = new Section("sampler", Map.of());
        SamplerKind kind = SamplerKind.parse("sampler.kind", s.string("kind", family.samplers()[0].key()),
                family.samplers(), family.key());
        if (kind == SamplerKind.SGLD) {
            s.allowOnly("kind", "step_size", "burn_in", "steps", "thin", "batch_size", "chains", "trace_length",
                    "localization", "exchange", "fisher_top");
        } else if (kind == SamplerKind.MALA) {
            s.allowOnly("kind", "step_size", "burn_in", "steps", "thin", "chains", "trace_length", "localization",
                    "exchange", "fisher_top");
        } else if (kind == SamplerKind.HMC) {
            s.allowOnly("kind", "step_size", "burn_in", "steps", "thin", "chains", "trace_length", "localization",
                    "leapfrog", "exchange", "fisher_top");
        } else {
            s.allowOnly("kind", "burn_in", "steps", "thin", "chains", "trace_length", "exchange");
        }
        double step = kind.langevin() ? s.stepSize("step_size") : 1.0;   // spin samplers have no step size
        int burnIn = s.nonNegativeInt("burn_in", 2000);
        int steps = s.positiveInt("steps", 20000);
        int thin = s.positiveInt("thin", 1);
        if (steps / thin < 100) {
            throw new ConfigException("sampler.steps", "steps / thin = " + steps + " / " + thin
                    + " leaves fewer than 100 recorded samples; at least 100 are needed for an error bar");
        }
        if (Double.isNaN(step) && burnIn < 100) {
            throw new ConfigException("sampler.burn_in", burnIn + " is too short to adapt step_size: auto; "
                    + "allowed: at least 100, or give step_size a number");
        }
        int batch = kind == SamplerKind.SGLD ? s.positiveInt("batch_size", 32) : 0;
        int chains = s.positiveInt("chains", 1);
        if (chains > SamplerSpec.MAX_CHAINS) {
            throw new ConfigException("sampler.chains", chains + " is not allowed; expected 1 to " + SamplerSpec.MAX_CHAINS
                    + " (each chain runs inside the cell's task)");
        }
        int traceLength = s.nonNegativeInt("trace_length", 1000);
        double localization = kind.langevin() ? s.nonNegative("localization", 0.0) : 0.0;
        int leapfrog = kind == SamplerKind.HMC ? s.positiveInt("leapfrog", SamplerSpec.DEFAULT_LEAPFROG) : 1;
        if (leapfrog > 1000) {
            throw new ConfigException("sampler.leapfrog", leapfrog + " is not allowed; expected 1 to 1000");
        }
        ExchangeSpec exchange = exchange(s, kind, temperatures.size());
        int fisherTop = kind.langevin() ? s.nonNegativeInt("fisher_top", SamplerSpec.DEFAULT_FISHER_TOP) : 0;
        if (fisherTop > SamplerSpec.MAX_FISHER_TOP) {
            throw new ConfigException("sampler.fisher_top", fisherTop + " is not allowed; expected 0 to "
                    + SamplerSpec.MAX_FISHER_TOP + " (a model with fewer parameters reports d of them)");
        }
        SamplerSpec sampler = new SamplerSpec(kind, step, burnIn, steps, thin, batch, chains, traceLength,
                localization, leapfrog, exchange, fisherTop);

        TrainingSpec training = TrainingSpec.DEFAULT;
        Section t = root.section("training", true);
        if (t != null) {
            t.allowOnly("max_iterations", "tolerance", "mode_iterations");
            training = new TrainingSpec(t.positiveInt("max_iterations", TrainingSpec.DEFAULT.maxIterations()),
                    t.positive("tolerance", TrainingSpec.DEFAULT.tolerance()),
                    t.nonNegativeInt("mode_iterations", TrainingSpec.DEFAULT.modeIterations()));
        }
        bounds(model, grid);
        return new SweepConfig(name, seed, model, prior, grid, sampler, training);
    }

    /** Most grid cells a config may describe (a sweep's driver holds one key per cell); submit/local caps lower. */
    public static final long MAX_CELLS = 100_000_000L;
    /** Most grid temperatures (a range's count): a line runs all of them in one task. */
    public static final int MAX_TEMPERATURES = 10_000;
    /** Most parameters of one model: a chain holds several d-long buffers per temperature of its line. */
    public static final long MAX_PARAMETERS = 50_000_000L;

    /** Most hidden layers of an MLP (grid.depth, model.depth). */
    public static final int MAX_DEPTH = 64;

    /** Sizes checked in long arithmetic before anything is allocated. */
    private static void bounds(ModelSpec model, GridSpec grid) {
        long cells = grid.cells();
        if (cells > MAX_CELLS) {
            throw new ConfigException("grid", cells + " cells (widths x data sizes x temperatures x replicas) is not "
                    + "allowed; at most " + MAX_CELLS);
        }
        for (int w : grid.widths()) {
            long d = parameterBound(model.withDepth(grid.depths().get(grid.depths().size() - 1)), w);
            if (d > MAX_PARAMETERS) {
                throw new ConfigException("grid.width", "width " + w + " gives " + d + " parameters; allowed: at most "
                        + MAX_PARAMETERS);
            }
        }
    }

    /** The parameter count in long arithmetic (the models' own int formulas, without overflow). */
    static long parameterBound(ModelSpec spec, long width) {
        return switch (spec.family()) {
            case LINEAR -> spec.inputDim() + 1L;
            case MLP -> width * spec.inputDim() + (spec.depth() - 1L) * width * width + width;
            case DEEP_LINEAR -> {
                List<Integer> layers = spec.layers((int) Math.min(width, Integer.MAX_VALUE));
                long d = 0;
                for (int l = 1; l < layers.size(); l++) d += (long) layers.get(l) * layers.get(l - 1);
                yield d;
            }
            case ISING_2D -> width * width;
            default -> width;
        };
    }

    /**
     * {@code sampler.exchange}: {@code true}/{@code false}, or a mapping {every, ladder, target, max_temperatures}.
     * Absent: on for an exact sampler (mala, hmc, metropolis, wolff) when the line has at least
     * {@link ExchangeSpec#DEFAULT_MIN_TEMPERATURES} temperatures, with the grid as the ladder.
     */
    private static ExchangeSpec exchange(Section s, SamplerKind kind, int temperatures) {
        // A swap round costs O(temperatures) for an exact sampler (its states carry their energies), so it swaps
        // after every step; SGLD's states need a full-batch evaluation per swap, so it swaps every 10 steps.
        int every = kind == SamplerKind.SGLD ? 10 : 1;
        ExchangeSpec fallback = new ExchangeSpec(true, every, false, ExchangeSpec.DEFAULT_TARGET,
                ExchangeSpec.MAX_TEMPERATURES);
        if (!s.has("exchange")) {
            return kind.exact() && temperatures >= ExchangeSpec.DEFAULT_MIN_TEMPERATURES ? fallback : ExchangeSpec.OFF;
        }
        Object v = s.map.get("exchange");
        if (v instanceof Boolean b) return b ? fallback : ExchangeSpec.OFF;
        if (!(v instanceof Map)) {
            throw new ConfigException("sampler.exchange", "expected true, false or a mapping with keys [every, ladder, "
                    + "target, max_temperatures], got " + Section.describe(v));
        }
        Section x = s.section("exchange", false);
        x.allowOnly("every", "ladder", "target", "max_temperatures");
        every = x.positiveInt("every", every);
        String ladder = x.string("ladder", "grid");
        if (!ladder.equals("grid") && !ladder.equals("auto")) {
            throw new ConfigException(x.path("ladder"), "unknown ladder '" + ladder + "'; allowed: [grid, auto]");
        }
        double target = x.positive("target", ExchangeSpec.DEFAULT_TARGET);
        if (target >= 1) {
            throw new ConfigException(x.path("target"), target + " is not allowed; expected a swap acceptance in (0, 1)");
        }
        int max = x.positiveInt("max_temperatures", ExchangeSpec.MAX_TEMPERATURES);
        if (max > ExchangeSpec.MAX_TEMPERATURES || max < temperatures) {
            throw new ConfigException(x.path("max_temperatures"), max + " is not allowed; expected " + temperatures
                    + " (the grid's temperatures) to " + ExchangeSpec.MAX_TEMPERATURES);
        }
        boolean auto = ladder.equals("auto");
        if (auto && temperatures < 2) {
            throw new ConfigException(x.path("ladder"), "auto needs at least 2 grid temperatures to fill between, got "
                    + temperatures);
        }
        return new ExchangeSpec(true, every, auto, target, max);
    }

    /** The model section, whose allowed keys depend on the family. */
    private static ModelSpec model(Section m, Family family) {
        switch (family) {
            case LINEAR -> m.allowOnly("family", "input_dim", "label_noise", "bias", "data");
            case MLP -> m.allowOnly("family", "input_dim", "activation", "teacher_width", "label_noise", "depth", "data");
            case DEEP_LINEAR -> m.allowOnly("family", "widths", "teacher_rank", "label_noise", "data");
            case ISING_PERCEPTRON -> m.allowOnly("family", "label_noise");
            default -> m.allowOnly("family");
        }
        DataSpec data = m.has("data") ? data(m.section("data", false)) : null;
        if (family == Family.DEEP_LINEAR) {
            List<Integer> layers = m.positiveIntSequence("widths");
            if (layers.size() < 3) {
                throw new ConfigException("model.widths", layers + " has " + layers.size() + " entries; expected "
                        + "[input, hidden..., output] with at least one hidden layer");
            }
            int maxRank = layers.stream().mapToInt(Integer::intValue).min().orElseThrow();
            int rank = m.nonNegativeInt("teacher_rank", Math.min(1, maxRank));
            if (rank > maxRank) {
                throw new ConfigException("model.teacher_rank", rank + " is not allowed; expected 0 to " + maxRank
                        + " (the narrowest layer of " + layers + ")");
            }
            if (data != null && layers.get(layers.size() - 1) != 1) {
                throw new ConfigException("model.widths", "user data has one label column, so the output width must "
                        + "be 1, got " + layers.get(layers.size() - 1));
            }
            if (data != null && layers.get(0) != data.features().size()) {
                throw new ConfigException("model.widths", "input width " + layers.get(0) + " != "
                        + data.features().size() + " features in model.data.features");
            }
            return new ModelSpec(family, layers.get(0), Activation.TANH, 0, m.nonNegative("label_noise", 0.1), false,
                    1, layers, rank, data);
        }
        if (family == Family.ISING_PERCEPTRON) {
            double flip = m.nonNegative("label_noise", 0.0);
            if (flip >= 0.5) {
                throw new ConfigException("model.label_noise", flip + " is not allowed for ising-perceptron; it is the "
                        + "probability of a flipped label, in [0, 0.5)");
            }
            return new ModelSpec(family, 0, Activation.TANH, 0, flip, false, 1, List.of(), 0, null);
        }
        if (family.spins()) return new ModelSpec(family, 0, Activation.TANH, 0, 0.0, false, 1, List.of(), 0, null);
        int inputDim;
        if (data != null) {
            if (m.has("input_dim") && m.positiveInt("input_dim", null) != data.features().size()) {
                throw new ConfigException("model.input_dim", m.positiveInt("input_dim", null) + " != "
                        + data.features().size() + " features in model.data.features");
            }
            inputDim = data.features().size();
        } else {
            inputDim = m.positiveInt("input_dim", null);
        }
        boolean mlp = family == Family.MLP;
        Activation activation = mlp ? Activation.parse(m.path("activation"), m.string("activation", "tanh"))
                : Activation.TANH;
        int teacherWidth = mlp ? m.positiveInt("teacher_width", 2) : 0;
        int depth = mlp ? m.positiveInt("depth", 1) : 1;
        boolean bias = family == Family.LINEAR && m.bool("bias", false);
        return new ModelSpec(family, inputDim, activation, teacherWidth, m.nonNegative("label_noise", 0.1), bias,
                depth, List.of(), 0, data);
    }

    /** {@code model.data}: format, path, features, label. The file itself is read later, before Spark starts. */
    private static DataSpec data(Section d) {
        d.allowOnly("format", "path", "features", "label");
        String format = d.string("format", null);
        if (!DataSpec.FORMATS.contains(format)) {
            throw new ConfigException(d.path("format"), "unknown format '" + format + "'; allowed: " + DataSpec.FORMATS);
        }
        String path = d.string("path", null);
        List<String> features = d.stringList("features");
        String label = d.string("label", null);
        if (features.contains(label)) {
            throw new ConfigException(d.path("label"), "'" + label + "' is also listed in features");
        }
        return new DataSpec(format, path, features, label);
    }

    /** One mapping of the document, with its dotted path for error messages. */
    private static final class Section {
        private final String prefix;
        final Map<String, Object> map;

        Section(String prefix, Map<String, Object> map) {
            this.prefix = prefix;
            this.map = map;
        }

        String path(String key) {
            return prefix.isEmpty() ? key : prefix + "." + key;
        }

        boolean has(String key) {
            return map.containsKey(key) && map.get(key) != null;
        }

        void allowOnly(String... keys) {
            TreeSet<String> allowed = new TreeSet<>(List.of(keys));
            for (Object k : map.keySet()) {
                if (!(k instanceof String) || !allowed.contains(k)) {
                    throw new ConfigException(path(String.valueOf(k)), "unknown key; allowed here: " + allowed);
                }
            }
        }

        private Object required(String key) {
            if (!has(key)) throw new ConfigException(path(key), "required key is missing");
            return map.get(key);
        }

        Section section(String key, boolean optional) {
            if (!has(key)) {
                if (optional) return null;
                throw new ConfigException(path(key), "required section is missing");
            }
            Object v = map.get(key);
            if (!(v instanceof Map)) {
                throw new ConfigException(path(key), "expected a mapping, got " + describe(v));
            }
            return new Section(path(key), cast(v));
        }

        /** The value at {@code key}, or {@code fallback} when absent; absent without a fallback is an error. */
        private Object valueOr(String key, Object fallback) {
            if (has(key)) return map.get(key);
            if (fallback != null) return fallback;
            return required(key);
        }

        String string(String key, String fallback) {
            Object v = valueOr(key, fallback);
            if (!(v instanceof String)) throw new ConfigException(path(key), "expected a string, got " + describe(v));
            return (String) v;
        }

        long longValue(String key, Long fallback) {
            Object v = valueOr(key, fallback);
            if (v instanceof Integer || v instanceof Long) return ((Number) v).longValue();
            throw new ConfigException(path(key), "expected an integer, got " + describe(v));
        }

        int intValue(String key, Integer fallback) {
            return toInt(path(key), valueOr(key, fallback));
        }

        int positiveInt(String key, Integer fallback) {
            int v = intValue(key, fallback);
            if (v <= 0) throw new ConfigException(path(key), v + " is not allowed; expected an integer >= 1");
            return v;
        }

        int nonNegativeInt(String key, Integer fallback) {
            int v = intValue(key, fallback);
            if (v < 0) throw new ConfigException(path(key), v + " is not allowed; expected an integer >= 0");
            return v;
        }

        boolean bool(String key, Boolean fallback) {
            Object v = valueOr(key, fallback);
            if (v instanceof Boolean b) return b;
            throw new ConfigException(path(key), "expected true or false, got " + describe(v));
        }

        /** A list of strings, non-empty and without repeats. */
        List<String> stringList(String key) {
            Object v = required(key);
            List<Object> items = v instanceof List ? castList(v) : List.of(v);
            if (items.isEmpty()) throw new ConfigException(path(key), "empty list; give at least one column name");
            List<String> out = new java.util.ArrayList<>();
            for (Object item : items) {
                if (!(item instanceof String str) || str.isBlank()) {
                    throw new ConfigException(path(key), "expected column names, got " + describe(item));
                }
                if (out.contains(str)) throw new ConfigException(path(key), "'" + str + "' is listed twice");
                out.add(str);
            }
            return out;
        }

        /** A list of integers >= 1 in the given order (repeats allowed). */
        List<Integer> positiveIntSequence(String key) {
            Object v = required(key);
            if (!(v instanceof List)) throw new ConfigException(path(key), "expected a list of integers, got " + describe(v));
            List<Integer> out = new java.util.ArrayList<>();
            for (Object item : castList(v)) {
                int i = toInt(path(key), item);
                if (i <= 0) throw new ConfigException(path(key), i + " is not allowed; expected integers >= 1");
                out.add(i);
            }
            return out;
        }

        double number(String key, Double fallback) {
            return toDouble(path(key), valueOr(key, fallback));
        }

        double positive(String key, Double fallback) {
            double v = number(key, fallback);
            if (!(v > 0) || Double.isInfinite(v)) {
                throw new ConfigException(path(key), v + " is not allowed; expected a finite number > 0");
            }
            return v;
        }

        double nonNegative(String key, Double fallback) {
            double v = number(key, fallback);
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new ConfigException(path(key), v + " is not allowed; expected a finite number >= 0");
            }
            return v;
        }

        double stepSize(String key) {
            if (!has(key)) return Double.NaN;
            Object v = map.get(key);
            if ("auto".equals(v)) return Double.NaN;
            if (v instanceof Number) return positive(key, null);
            throw new ConfigException(path(key), "expected 'auto' or a number > 0, got " + describe(v));
        }

        List<Integer> positiveIntList(String key) {
            Object v = required(key);
            List<Object> items = v instanceof List ? castList(v) : List.of(v);
            if (items.isEmpty()) throw new ConfigException(path(key), "empty list; give at least one integer >= 1");
            TreeSet<Integer> out = new TreeSet<>();
            for (Object item : items) {
                int i = toInt(path(key), item);
                if (i <= 0) throw new ConfigException(path(key), i + " is not allowed; expected integers >= 1");
                out.add(i);
            }
            return List.copyOf(out);
        }

        List<Double> temperatures(String key) {
            Object v = required(key);
            TreeSet<Double> out = new TreeSet<>();
            if (v instanceof Map) {
                Section r = new Section(path(key), cast(v));
                r.allowOnly("from", "to", "count", "spacing");
                double from = r.positive("from", null);
                double to = r.positive("to", null);
                int count = r.positiveInt("count", null);
                if (count > MAX_TEMPERATURES) {
                    throw new ConfigException(r.path("count"), count + " temperatures is not allowed; expected 1 to "
                            + MAX_TEMPERATURES);
                }
                String spacing = r.string("spacing", "log");
                if (!spacing.equals("log") && !spacing.equals("linear")) {
                    throw new ConfigException(r.path("spacing"), "unknown spacing '" + spacing
                            + "'; allowed: [log, linear]");
                }
                if (count == 1 && from != to) {
                    throw new ConfigException(r.path("count"), "1 point cannot span from " + from + " to " + to
                            + "; use count >= 2 or from = to");
                }
                if (to < from) {
                    throw new ConfigException(r.path("to"), to + " < from = " + from + "; expected to >= from");
                }
                for (int i = 0; i < count; i++) {
                    double f = count == 1 ? 0.0 : (double) i / (count - 1);
                    double t = spacing.equals("log")
                            ? Math.exp(Math.log(from) + f * (Math.log(to) - Math.log(from)))
                            : from + f * (to - from);
                    if (i == 0) t = from;
                    if (i == count - 1) t = to;
                    out.add(t);
                }
            } else {
                List<Object> items = v instanceof List ? castList(v) : List.of(v);
                if (items.isEmpty()) throw new ConfigException(path(key), "empty list; give at least one T > 0");
                for (Object item : items) {
                    double t = toDouble(path(key), item);
                    if (!(t > 0) || Double.isInfinite(t)) {
                        throw new ConfigException(path(key), t + " is not allowed; temperatures must be finite and > 0");
                    }
                    out.add(t);
                }
            }
            return List.copyOf(out);
        }

        @SuppressWarnings("unchecked")
        private static List<Object> castList(Object o) {
            return (List<Object>) o;
        }

        private static int toInt(String path, Object v) {
            if (v instanceof Integer i) return i;
            if (v instanceof Long l && l == l.intValue()) return l.intValue();
            throw new ConfigException(path, "expected an integer, got " + describe(v));
        }

        private static double toDouble(String path, Object v) {
            if (v instanceof Number n) return n.doubleValue();
            throw new ConfigException(path, "expected a number, got " + describe(v));
        }

        static String describe(Object v) {
            if (v == null) return "nothing";
            String kind = v instanceof Map ? "a mapping" : v instanceof List ? "a list"
                    : v instanceof String ? "the string" : v instanceof Boolean ? "the boolean" : "the value";
            String text = String.valueOf(v);
            if (text.length() > 40) text = text.substring(0, 40) + "...";
            return kind + " '" + text + "'";
        }
    }

}
