package org.calorimeter.core.cell;

import java.io.Serializable;
import org.calorimeter.core.estimator.Estimate;

/**
 * Everything measured in one cell; one Parquet row of {@code cells/}. Units: energies in units of the loss
 * (E = sum_i 1/2 (y_i - f)^2), temperatures in the same units, heat capacities dimensionless
 * (C = Var(E)/T^2), times tau_int in recorded samples. Column meanings: docs/columns.md. Each measured
 * quantity is an {@link Estimate} (value and one-standard-deviation error, written as the columns {@code x} and
 * {@code x_err}); the replica-exchange columns are the {@link Exchange}, the Fisher-information ones the {@link Fisher}.
 */
public record CellResult(
        String model, int width, int depth, int dataSize, double temperature, int replica, long seed, int nParams,
        int burnIn, int equilibrationSteps, int steps, int thin, int chains, int samples, double stepSize,
        double trainEnergy, int trainIterations, boolean trainConverged, double startEnergy,
        Estimate energyMean, Estimate energyVar, Estimate cFluct, Estimate cParam, Estimate cGrad, Estimate llc,
        Estimate tauInt, double ess, double rhat, Estimate psiMean, Estimate chiFluct, Estimate overlap,
        Estimate genError, Fisher fisher, double acceptRate, Exchange exchange,
        String status, String message, double wallSeconds, String configHash) implements Serializable {

    /** The same cell with the exchange columns and the wall time of its line. */
    public CellResult withExchange(Exchange x, double seconds) {
        return new CellResult(model, width, depth, dataSize, temperature, replica, seed, nParams, burnIn, equilibrationSteps,
                steps, thin, chains, samples, stepSize, trainEnergy, trainIterations, trainConverged, startEnergy,
                energyMean, energyVar, cFluct, cParam, cGrad, llc, tauInt, ess, rhat, psiMean, chiFluct, overlap,
                genError, fisher, acceptRate, x, status, message, seconds, configHash);
    }

    /** The same cell with its wall time set to 0: every remaining field is a pure function of config and key. */
    public CellResult withoutWallTime() {
        return withExchange(exchange, 0.0);
    }

    public static final String OK = "ok";
    /** The chain is shorter than its own correlations warrant: estimates exist but their errors are lower bounds. */
    public static final String SHORT_CHAIN = "short_chain";
    /**
     * The chains (or one chain's halves) disagree: split R-hat of E above 1.1, or above {@code RHat.THRESHOLD} with
     * the halves' means of E or of (E - mean)^2 apart by more than their errors allow (Series.unmixed); estimates
     * exist but their errors are lower bounds.
     */
    public static final String UNMIXED = "unmixed";
    /**
     * A continuous chain that never moved: no proposal accepted, or E constant in double precision (a step size far
     * too large or too small). Its numbers are not estimates; it enters no curve or fit. The message names the fix.
     */
    public static final String STUCK = "stuck";
    /** The chain's energy became NaN, infinite or ran away; no estimates. */
    public static final String DIVERGED = "diverged";
    /** The cell threw, or its estimates are not finite; no estimates. The message holds the cause. */
    public static final String FAILED = "failed";
}
