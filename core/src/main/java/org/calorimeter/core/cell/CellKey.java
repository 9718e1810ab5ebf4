package org.calorimeter.core.cell;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.calorimeter.core.config.SweepConfig;
import org.calorimeter.core.model.TeacherStudentData;
import org.calorimeter.core.config.Family;
import org.calorimeter.core.rng.Seeds;

/**
 * One cell of a sweep: (width N, depth L, data size D, temperature T, replica r). The depth is the MLP's number of
 * hidden layers (1 for every other family); at depth 1 every seed is what it was before depth became an axis.
 */
public record CellKey(int width, int depth, int dataSize, double temperature, int replica) implements Serializable {

    /** A cell at depth 1. */
    public CellKey(int width, int dataSize, double temperature, int replica) {
        this(width, 1, dataSize, temperature, replica);
    }

    /** The seed of this cell's sampling stream: a function of the sweep seed and the cell key alone. */
    public long chainSeed(long sweepSeed) {
        return depth == 1 ? Seeds.derive(sweepSeed, "chain", width, dataSize, Seeds.key(temperature), replica)
                : Seeds.derive(sweepSeed, "chain", width, dataSize, Seeds.key(temperature), replica, -depth);
    }

    /** The seed of chain c of this cell: chain 0 is the cell's own stream, the others derive from it. */
    public long chainSeed(long sweepSeed, int chain) {
        long seed = chainSeed(sweepSeed);
        return chain == 0 ? seed : Seeds.derive(seed, "chain", chain);
    }

    /** The line this grid point lies on: the same point without its temperature. */
    public Line line() {
        return new Line(width, depth, dataSize, replica);
    }

    /** The Parquet columns that name a cell (with {@code model}, constant within a sweep). */
    public static final List<String> KEY_COLUMNS = List.of("model", "width", "depth", "data_size", "temperature",
            "replica");

    /** The student's initialisation seed: the line's (every temperature starts from the same trained theta*). */
    public long initSeed(long sweepSeed) {
        return line().initSeed(sweepSeed, 0);
    }

    /** The initialisation seed of chain c's trained start (the line's). */
    public long initSeed(long sweepSeed, int chain) {
        return line().initSeed(sweepSeed, chain);
    }

    /**
     * The {@code model} column: the family's key, with {@code -depthL} for an MLP of L > 1 hidden layers, so that the
     * aggregation treats each depth as its own architecture (curves, fits and reweighting group by it).
     */
    public String modelName(SweepConfig config) {
        return modelName(config.model().family().key(), depth);
    }

    /** The {@code model} column of a family at a depth. */
    public static String modelName(String family, int depth) {
        return family + (depth > 1 ? DEPTH_SUFFIX + depth : "");
    }

    /** The family of a {@code model} column (its depth suffix removed). */
    public static String family(String model) {
        return model.replaceFirst(DEPTH_SUFFIX + "[0-9]+$", "");
    }

    /** The depth of a {@code model} column (1 without a suffix). */
    public static int depth(String model) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(DEPTH_SUFFIX + "([0-9]+)$").matcher(model);
        return m.find() ? Integer.parseInt(m.group(1)) : 1;
    }

    /** What {@link #modelName} appends before a depth beyond 1. */
    public static final String DEPTH_SUFFIX = "-depth";

    /** Number of parameters d of this cell's model. */
    public int parameterCount(SweepConfig config) {
        return TeacherStudentData.parameterCount(config.model().withDepth(depth), width);
    }

    /**
     * Relative cost (steps x examples x parameters), used to start the biggest cells first. Systems without data
     * count one example; deep-linear's full-batch energy does not grow with D (it uses the data's moments).
     */
    public double cost(SweepConfig config) {
        long steps = ((long) config.sampler().burnIn() + config.sampler().steps()) * config.sampler().chains();
        int examples = config.model().family() == Family.DEEP_LINEAR ? 1 : Math.max(1, dataSize);
        return (double) steps * examples * parameterCount(config);
    }

    /** Every cell of the sweep (grid points only, no ladder points), ordered by width, depth, data size, temperature, replica. */
    public static List<CellKey> grid(SweepConfig config) {
        List<CellKey> cells = new ArrayList<>(config.grid().cellCount());
        for (int w : config.grid().widths()) {
            for (int depth : config.grid().depths()) {
                for (int d : config.grid().dataSizes()) {
                    for (double t : config.grid().temperatures()) {
                        for (int r = 0; r < config.grid().replicas(); r++) {
                            cells.add(new CellKey(w, depth, d, t, r));
                        }
                    }
                }
            }
        }
        return cells;
    }
}
