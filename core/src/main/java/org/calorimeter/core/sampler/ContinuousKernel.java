package org.calorimeter.core.sampler;

import org.calorimeter.core.model.Checks;

/**
 * A kernel on continuous weights with a step size. The step size is the only thing adaptation changes
 * ({@link #setStepSize}); everything else a kernel holds is scratch.
 */
public abstract class ContinuousKernel implements Kernel<State, Potential> {
    private double stepSize;

    protected ContinuousKernel(double stepSize) {
        this.stepSize = Checks.positive("step size", stepSize);
    }

    public final double stepSize() {
        return stepSize;
    }

    public final void setStepSize(double h) {
        this.stepSize = Checks.positive("step size", h);
    }

    /** Whether the step size can be adapted from acceptance probabilities (Metropolis-adjusted kernels). */
    public abstract boolean adaptable();

    /** The acceptance rate step-size adaptation aims at. */
    public abstract double targetAcceptance();

    /** {@code s} with its full-batch E and dE/dtheta (re-evaluated in place after a minibatch step, else itself). */
    public static State exact(State s, Potential potential) {
        if (s.exact()) return s;
        double e = potential.model().energyAndGradient(s.theta(), s.gradient());
        return new State(s.theta(), e, s.gradient());
    }
}
