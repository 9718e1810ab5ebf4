package org.calorimeter.core.cell;

import java.io.Serializable;

/**
 * Everything measured in one cell; one Parquet row of {@code cells/}. Units: energies in units of the loss
 * (E = sum_i 1/2 (y_i - f)^2), temperatures in the same units, heat capacities dimensionless
 * (C = Var(E)/T^2), times tau_int in recorded samples. Column meanings: docs/columns.md. The exchange columns:
 * {@code ladder} marks a temperature the automatic ladder inserted (not a grid point), {@code swapAccept} is the swap
 * acceptance to the next higher temperature of the line (NaN for the highest, or without exchange), and
 * {@code roundTrips} / {@code roundTripSteps} are the line's count of lowest-highest-lowest round trips and their mean
 * duration in sampler steps (the same in every row of a line).
 */
public record CellResult(
        String model, int width, int dataSize, double temperature, int replica, long seed, int nParams,
        int burnIn, int equilibrationSteps, int steps, int thin, int chains, int samples, double stepSize,
        double trainEnergy, int trainIterations, boolean trainConverged, double startEnergy,
        double energyMean, double energyMeanErr, double energyVar, double energyVarErr,
        double cFluct, double cFluctErr, double cParam, double cParamErr, double cGrad, double cGradErr, double llc, double llcErr, double tauInt, double tauIntErr, double ess, double rhat,
        double psiMean, double psiMeanErr, double chiFluct, double chiFluctErr, double overlap, double overlapErr,
        double genError, double genErrorErr, double acceptRate,
        boolean ladder, double swapAccept, int roundTrips, double roundTripSteps,
        String status, String message, double wallSeconds, String configHash) implements Serializable {

    public static final String OK = "ok";
    /** The chain is shorter than its own correlations warrant: estimates exist but their errors are lower bounds. */
    public static final String SHORT_CHAIN = "short_chain";
    /**
     * Split R-hat of E above {@code RHat.THRESHOLD}: the chains (or one chain's halves) disagree; estimates exist but
     * their errors are lower bounds.
     */
    public static final String UNMIXED = "unmixed";
    /** The chain's energy became NaN, infinite or ran away; no estimates. */
    public static final String DIVERGED = "diverged";
    /** The cell threw; no estimates. The message holds the exception. */
    public static final String FAILED = "failed";
}
