package org.calorimeter.core.fit;

import java.io.Serializable;

/** A C(T) curve on a temperature grid: values with one-sigma errors, temperatures ascending. */
public record Curve(double[] temperature, double[] value, double[] error) implements Serializable {
    public Curve {
        if (temperature.length != value.length || value.length != error.length) {
            throw new IllegalArgumentException("inconsistent curve lengths: " + temperature.length + " != "
                    + value.length + " != " + error.length);
        }
        for (int i = 1; i < temperature.length; i++) {
            if (!(temperature[i] > temperature[i - 1])) {
                throw new IllegalArgumentException("temperatures must ascend: " + temperature[i - 1] + " >= "
                        + temperature[i]);
            }
        }
    }

    public int size() {
        return temperature.length;
    }
}
