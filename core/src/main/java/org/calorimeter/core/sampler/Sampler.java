package org.calorimeter.core.sampler;

/**
 * A Markov chain on parameter space targeting p_T(theta) ~ exp(-E(theta)/T) pi(theta). A sampler owns its
 * state (position, cached energy and gradient, step size) and its random stream; nothing outside changes them.
 */
public interface Sampler {
    /** One step of the chain; returns the Metropolis acceptance probability of the step (1 for SGLD). */
    double step();

    /** Full-batch energy E at the current position. */
    double energy();

    /** Writes dE/dtheta (the data energy's full-batch gradient) at the current position into {@code out}. */
    void energyGradient(double[] out);

    /** The current position; a read-only view that the next step overwrites. */
    double[] position();

    /** Current step size h (the Langevin drift is -h grad U and the noise variance 2h). */
    double stepSize();

    /** Sets the step size (only the burn-in adaptation calls this). */
    void setStepSize(double h);

    /** Whether the step size can be adapted from acceptance probabilities (true for Metropolis-adjusted samplers). */
    boolean adaptable();
}
