package org.calorimeter.core.config;

import java.io.Serializable;
import java.util.List;

/** The sweep grid; lists are immutable, sorted ascending and free of duplicates. */
public record GridSpec(List<Integer> widths, List<Integer> dataSizes, List<Double> temperatures, int replicas)
        implements Serializable {
    public GridSpec {
        widths = List.copyOf(widths);
        dataSizes = List.copyOf(dataSizes);
        temperatures = List.copyOf(temperatures);
    }

    /** Widths x data sizes x temperatures x replicas, in long arithmetic (checked against bounds before use). */
    public long cells() {
        return (long) widths.size() * dataSizes.size() * temperatures.size() * replicas;
    }

    /** {@link #cells()} for a grid the config loader accepted (at most {@code ConfigLoader.MAX_CELLS}). */
    public int cellCount() {
        return Math.toIntExact(cells());
    }
}
