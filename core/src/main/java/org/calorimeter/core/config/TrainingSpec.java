package org.calorimeter.core.config;

import java.io.Serializable;

/**
 * Training stage to theta*: nonlinear conjugate gradient (Polak-Ribiere, Commons Math) on E(theta),
 * stopped when the relative change of E between iterations falls below {@code tolerance}, or after
 * {@code maxIterations} iterations. Then, per temperature, at most {@code modeIterations} more iterations of the
 * same method on U_T = E/T - log(prior) from theta*, to start sampling at the mode of p_T in theta*'s basin
 * (0: start at theta*).
 */
public record TrainingSpec(int maxIterations, double tolerance, int modeIterations) implements Serializable {
    public static final TrainingSpec DEFAULT = new TrainingSpec(2000, 1e-12, 100);
}
