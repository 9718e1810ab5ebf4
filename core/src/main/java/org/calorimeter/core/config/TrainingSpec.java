package org.calorimeter.core.config;

import java.io.Serializable;

/**
 * Training stage to theta*: nonlinear conjugate gradient (Polak-Ribiere, Commons Math) on E(theta),
 * stopped when the relative change of E between iterations falls below {@code tolerance}, or after
 * {@code maxIterations} iterations.
 */
public record TrainingSpec(int maxIterations, double tolerance) implements Serializable {
    public static final TrainingSpec DEFAULT = new TrainingSpec(2000, 1e-12);
}
