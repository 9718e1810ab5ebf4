package org.calorimeter.core.cell;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.calorimeter.core.config.SweepConfig;
import org.calorimeter.core.model.TeacherStudentData;
import org.calorimeter.core.config.Family;
import org.calorimeter.core.rng.Seeds;

/** One cell of a sweep: (width N, data size D, temperature T, replica r). */
public record CellKey(int width, int dataSize, double temperature, int replica) implements Serializable {

    /** The seed of this cell's sampling stream: a function of the sweep seed and the cell key alone. */
    public long chainSeed(long sweepSeed) {
        return Seeds.derive(sweepSeed, "chain", width, dataSize, Seeds.key(temperature), replica);
    }

    /** The seed of chain c of this cell: chain 0 is the cell's own stream, the others derive from it. */
    public long chainSeed(long sweepSeed, int chain) {
        long seed = chainSeed(sweepSeed);
        return chain == 0 ? seed : Seeds.derive(seed, "chain", chain);
    }

    /** The line this grid point lies on: the same point without its temperature. */
    public Line line() {
        return new Line(width, dataSize, replica);
    }

    /** The Parquet columns that name a cell (with {@code model}, constant within a sweep). */
    public static final List<String> KEY_COLUMNS = List.of("model", "width", "data_size", "temperature", "replica");

    /** The student's initialisation seed: the line's (every temperature starts from the same trained theta*). */
    public long initSeed(long sweepSeed) {
        return line().initSeed(sweepSeed, 0);
    }

    /** The initialisation seed of chain c's trained start (the line's). */
    public long initSeed(long sweepSeed, int chain) {
        return line().initSeed(sweepSeed, chain);
    }

    /** Number of parameters d of this cell's model. */
    public int parameterCount(SweepConfig config) {
        return TeacherStudentData.parameterCount(config.model(), width);
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

    /** Every cell of the sweep (grid points only, no ladder points), ordered by width, data size, temperature, replica. */
    public static List<CellKey> grid(SweepConfig config) {
        List<CellKey> cells = new ArrayList<>(config.grid().cellCount());
        for (int w : config.grid().widths()) {
            for (int d : config.grid().dataSizes()) {
                for (double t : config.grid().temperatures()) {
                    for (int r = 0; r < config.grid().replicas(); r++) {
                        cells.add(new CellKey(w, d, t, r));
                    }
                }
            }
        }
        return cells;
    }
}
