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

    /**
     * The seed of the student's initialisation: shared by every temperature of a (N, D, r) line, so all
     * temperatures start from the same trained theta*.
     */
    public long initSeed(long sweepSeed) {
        return Seeds.derive(sweepSeed, "init", width, dataSize, replica);
    }

    /**
     * The initialisation seed of chain c's trained start: chain 0 is the line's own; chains c > 0 are trained from
     * their own initialisations, so their starts are dispersed over the minima training reaches.
     */
    public long initSeed(long sweepSeed, int chain) {
        return chain == 0 ? initSeed(sweepSeed) : Seeds.derive(sweepSeed, "init", width, dataSize, replica, chain);
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

    /** Every cell of the sweep, ordered by width, data size, temperature, replica. */
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
