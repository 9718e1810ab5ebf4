package org.calorimeter.core.config;

import java.io.Serializable;
import java.util.List;

/**
 * The sweep grid; lists are immutable, sorted ascending and free of duplicates. {@code depths} are the MLP's numbers of
 * hidden layers ({@code grid.depth}; one value, model.depth's, for a sweep without the axis and 1 for other families).
 */
public record GridSpec(List<Integer> widths, List<Integer> depths, List<Integer> dataSizes, List<Double> temperatures,
                       int replicas) implements Serializable {
    public GridSpec {
        widths = List.copyOf(widths);
        depths = List.copyOf(depths);
        dataSizes = List.copyOf(dataSizes);
        temperatures = List.copyOf(temperatures);
    }

    /** Widths x depths x data sizes x temperatures x replicas, in long arithmetic (checked before use). */
    public long cells() {
        return (long) widths.size() * depths.size() * dataSizes.size() * temperatures.size() * replicas;
    }

    /** {@link #cells()} for a grid the config loader accepted (at most {@code ConfigLoader.MAX_CELLS}). */
    public int cellCount() {
        return Math.toIntExact(cells());
    }
}
