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

    public int cellCount() {
        return widths.size() * dataSizes.size() * temperatures.size() * replicas;
    }
}
