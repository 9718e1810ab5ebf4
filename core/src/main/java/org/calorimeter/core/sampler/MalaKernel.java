package org.calorimeter.core.sampler;

import java.util.SplittableRandom;

/**
 * Metropolis-adjusted Langevin algorithm (Roberts and Tweedie 1996), exact for p_T: the Langevin proposal
 * theta' = theta - h grad U + sqrt(2h) xi, then the Metropolis-Hastings test with the asymmetric proposal densities.
 * One uniform is drawn every step, so the stream's position does not depend on the outcome.
 */
public final class MalaKernel extends ContinuousKernel {
    /** Roberts and Rosenthal (1998): the asymptotically optimal MALA acceptance rate. */
    public static final double TARGET_ACCEPT = 0.574;

    private Potential.MutableState spare;
    private double[] gradU;
    private double[] proposalGradU;

    public MalaKernel(double stepSize) {
        super(stepSize);
    }

    @Override
    public Step<State> step(State s, Potential potential, SplittableRandom rng) {
        double[] theta = s.theta();
        int d = theta.length;
        if (spare == null || spare.theta.length != d) {
            spare = new Potential.MutableState(d);
            gradU = new double[d];
            proposalGradU = new double[d];
        }
        double h = stepSize();
        double u = potential.value(s, gradU);
        double noise = Math.sqrt(2.0 * h);
        double[] next = spare.theta;
        for (int i = 0; i < d; i++) next[i] = theta[i] - h * gradU[i] + noise * rng.nextGaussian();
        spare.energy = potential.model().energyAndGradient(next, spare.gradient);
        State proposal = spare.freeze();
        double proposalU = potential.value(proposal, proposalGradU);
        double logAlpha = Double.NaN;   // NaN when the proposal's potential is not finite: rejected
        if (Double.isFinite(proposalU)) {
            double forward = 0.0;   // ||theta' - theta + h grad U(theta)||^2
            double backward = 0.0;  // ||theta - theta' + h grad U(theta')||^2
            for (int i = 0; i < d; i++) {
                double f = next[i] - theta[i] + h * gradU[i];
                double b = theta[i] - next[i] + h * proposalGradU[i];
                forward += f * f;
                backward += b * b;
            }
            logAlpha = -(proposalU - u) - (backward - forward) / (4.0 * h);
        }
        double alpha = Double.isNaN(logAlpha) ? 0.0 : Math.min(1.0, Math.exp(logAlpha));
        if (rng.nextDouble() < alpha) {
            spare = new Potential.MutableState(s);   // the replaced state's buffers hold the next proposal
            return new Step<>(proposal, alpha, 1, 1);
        }
        return new Step<>(s, alpha, 1, 0);
    }

    @Override
    public boolean adaptable() {
        return true;
    }

    @Override
    public double targetAcceptance() {
        return TARGET_ACCEPT;
    }
}
