package org.calorimeter.core.estimator;

import java.io.Serializable;

/** A value with its one-standard-deviation uncertainty. */
public record Estimate(double value, double error) implements Serializable {
    public static final Estimate NONE = new Estimate(Double.NaN, Double.NaN);

    /** The estimate multiplied by a constant (error scaled by |c|). */
    public Estimate times(double c) {
        return new Estimate(value * c, error * Math.abs(c));
    }

    @Override
    public String toString() {
        return value + " +- " + error;
    }
}
