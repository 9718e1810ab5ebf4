package org.calorimeter.core.cell;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.calorimeter.core.config.SweepConfig;
import org.calorimeter.core.rng.Seeds;

/**
 * A line of a sweep: a grid point without its temperature, (width N, data size D, replica r). Every temperature of a
 * line shares the data, the trained theta* (and the dispersed starts of the other chains) and, with replica exchange,
 * one task. The line owns what is shared: the training-cache key, the initialisation and exchange seeds, and its key
 * columns.
 */
public record Line(int width, int depth, int dataSize, int replica) implements Serializable, Comparable<Line> {
    /** A line at depth 1. */
    public Line(int width, int dataSize, int replica) {
        this(width, 1, dataSize, replica);
    }

    /** The Parquet columns that name a line ({@code model} names the architecture, with its depth beyond 1). */
    public static final List<String> KEY_COLUMNS = List.of("model", "width", "depth", "data_size", "replica");

    /** The grid point of this line at temperature {@code t}. */
    public CellKey at(double t) {
        return new CellKey(width, depth, dataSize, t, replica);
    }

    /** Seed components: (width, data size, replica), with -depth appended beyond depth 1 (depth-1 seeds unchanged). */
    private long[] components(long... more) {
        long[] base = depth == 1 ? new long[] {width, dataSize, replica} : new long[] {width, dataSize, replica, -depth};
        long[] out = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, out, base.length, more.length);
        return out;
    }

    /** The grid points of this line at the config's temperatures, ascending. */
    public List<CellKey> cells(SweepConfig config) {
        List<CellKey> out = new ArrayList<>();
        for (double t : config.grid().temperatures()) out.add(at(t));
        return out;
    }

    /**
     * The seed of the student's initialisation of chain c: chain 0 is the line's own; chains c > 0 are trained from
     * their own initialisations, so their starts are dispersed over the minima training reaches.
     */
    public long initSeed(long sweepSeed, int chain) {
        return chain == 0 ? Seeds.derive(sweepSeed, "init", components())
                : Seeds.derive(sweepSeed, "init", components(chain));
    }

    /** The stream of chain c's swap decisions (replica exchange): a function of the sweep seed and the line alone. */
    public long exchangeSeed(long sweepSeed, int chain) {
        return Seeds.derive(sweepSeed, "exchange", components(chain));
    }

    /** The stream of the automatic ladder's pilot chains. */
    public long ladderSeed(long sweepSeed) {
        return Seeds.derive(sweepSeed, "ladder", components());
    }

    /** The training cache's key for chain c's trained start: everything training depends on. */
    public String trainingKey(SweepConfig config, int chain) {
        return config.seed() + "|" + config.model().withDepth(depth) + "|" + config.training() + "|" + width + "|"
                + dataSize + "|" + replica + "|" + chain;
    }

    /** Every line of the sweep, ordered by width, depth, data size, replica. */
    public static List<Line> all(SweepConfig config) {
        List<Line> out = new ArrayList<>();
        for (int w : config.grid().widths()) {
            for (int depth : config.grid().depths()) {
                for (int d : config.grid().dataSizes()) {
                    for (int r = 0; r < config.grid().replicas(); r++) out.add(new Line(w, depth, d, r));
                }
            }
        }
        return out;
    }

    @Override
    public int compareTo(Line o) {
        int c = Integer.compare(width, o.width);
        if (c == 0) c = Integer.compare(depth, o.depth);
        if (c == 0) c = Integer.compare(dataSize, o.dataSize);
        return c != 0 ? c : Integer.compare(replica, o.replica);
    }

    @Override
    public String toString() {
        return "N=" + width + (depth == 1 ? "" : " depth=" + depth) + " D=" + dataSize + " r=" + replica;
    }
}
