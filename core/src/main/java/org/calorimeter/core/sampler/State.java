package org.calorimeter.core.sampler;

/**
 * The state of a continuous chain: the position theta, the full-batch energy E(theta) and its gradient dE/dtheta. None
 * of them depends on the temperature, so replica exchange moves a state between temperatures without re-evaluating
 * it. {@code energy} is NaN (and the gradient stale) after a minibatch (SGLD) step; {@link ContinuousKernel#exact} refreshes it.
 *
 * <p>Immutable by convention: a kernel returns a new state when the chain moves, and may reuse the buffers of states
 * it has replaced, so a caller keeps only the state a step returned.
 */
public record State(double[] theta, double energy, double[] gradient) {
    /** Whether E and dE/dtheta are the full-batch values at theta. */
    public boolean exact() {
        return !Double.isNaN(energy);
    }
}
