package org.calorimeter.core.sampler;

import java.util.SplittableRandom;

/**
 * Metropolis-adjusted Langevin algorithm (Roberts and Tweedie 1996), exact for p_T.
 * Each step is two named sub-steps: {@link #propose()} (Langevin move theta' = theta - h grad U + sqrt(2h) xi)
 * and {@link #acceptOrReject(double)} (Metropolis-Hastings test with the asymmetric proposal densities).
 */
public final class MalaSampler implements Sampler {
    private final Potential potential;
    private final SplittableRandom rng;
    private double h;

    private double[] theta;
    private double[] grad;
    private double u;
    private double energy;

    private double[] proposal;
    private double[] proposalGrad;
    private double proposalU;
    private double proposalEnergy;

    public MalaSampler(Potential potential, double[] start, double stepSize, SplittableRandom rng) {
        this.potential = potential;
        this.rng = rng;
        this.h = stepSize;
        int d = start.length;
        this.theta = start.clone();
        this.grad = new double[d];
        this.proposal = new double[d];
        this.proposalGrad = new double[d];
        this.u = potential.valueAndGradient(theta, grad);
        this.energy = potential.lastEnergy();
    }

    @Override
    public double step() {
        propose();
        double logAlpha = logAcceptance();
        double alpha = Double.isNaN(logAlpha) ? 0.0 : Math.min(1.0, Math.exp(logAlpha));
        acceptOrReject(alpha);
        return alpha;
    }

    /** Sub-step 1: the Langevin proposal, with U and grad U evaluated there. */
    void propose() {
        double noise = Math.sqrt(2.0 * h);
        for (int i = 0; i < theta.length; i++) {
            proposal[i] = theta[i] - h * grad[i] + noise * rng.nextGaussian();
        }
        proposalU = potential.valueAndGradient(proposal, proposalGrad);
        proposalEnergy = potential.lastEnergy();
    }

    /** log of the Metropolis-Hastings ratio; NaN when the proposal's potential is not finite. */
    double logAcceptance() {
        if (!Double.isFinite(proposalU)) return Double.NaN;
        double forward = 0.0;   // ||theta' - theta + h grad U(theta)||^2
        double backward = 0.0;  // ||theta - theta' + h grad U(theta')||^2
        for (int i = 0; i < theta.length; i++) {
            double f = proposal[i] - theta[i] + h * grad[i];
            double b = theta[i] - proposal[i] + h * proposalGrad[i];
            forward += f * f;
            backward += b * b;
        }
        return -(proposalU - u) - (backward - forward) / (4.0 * h);
    }

    /** Sub-step 2: accept with probability alpha (one uniform drawn every step, so streams stay aligned). */
    void acceptOrReject(double alpha) {
        if (rng.nextDouble() < alpha) {
            double[] t = theta;
            theta = proposal;
            proposal = t;
            t = grad;
            grad = proposalGrad;
            proposalGrad = t;
            u = proposalU;
            energy = proposalEnergy;
        }
    }

    @Override
    public double energy() {
        return energy;
    }

    /** From the cached grad U of the current state: no extra evaluation. */
    @Override
    public void energyGradient(double[] out) {
        potential.energyGradient(theta, grad, out);
    }

    @Override
    public double[] position() {
        return theta;
    }

    @Override
    public double stepSize() {
        return h;
    }

    @Override
    public void setStepSize(double h) {
        this.h = org.calorimeter.core.model.Checks.positive("step size", h);
    }

    @Override
    public boolean adaptable() {
        return true;
    }
}
