package org.calorimeter.core.sampler;

import java.util.SplittableRandom;

/**
 * Hamiltonian Monte Carlo (Duane et al. 1987; Neal 2011) with unit mass: momentum p ~ N(0, I), L leapfrog steps of
 * size epsilon on H = U + |p|^2/2, then the Metropolis test on H. The path length is jittered, L uniform on
 * [ceil(L0/2), L0 + floor(L0/2)] (mean L0), so no trajectory length resonates with a period of the posterior (Neal
 * 2011, sec. 5.4.2.2). Each step costs L gradient evaluations; {@link #stepSize()} is epsilon.
 */
public final class HmcKernel extends ContinuousKernel {
    /** Beskos et al. (2013): the asymptotically optimal HMC acceptance rate. */
    public static final double TARGET_ACCEPT = 0.651;

    private final int meanPath;
    private Potential.MutableState spare;
    private double[] momentum;
    private double[] gradU;

    /** {@code meanPath} = L0 >= 1, the mean number of leapfrog steps per trajectory. */
    public HmcKernel(double stepSize, int meanPath) {
        super(stepSize);
        if (meanPath < 1) throw new IllegalArgumentException("leapfrog steps: " + meanPath + " < 1");
        this.meanPath = meanPath;
    }

    /** The leapfrog step matching a MALA step h (MALA is one leapfrog step of size sqrt(2h)). */
    public static double fromMalaStep(double h) {
        return Math.sqrt(2.0 * h);
    }

    @Override
    public Step<State> step(State s, Potential potential, SplittableRandom rng) {
        double[] theta = s.theta();
        int d = theta.length;
        if (spare == null || spare.theta.length != d) {
            spare = new Potential.MutableState(d);
            momentum = new double[d];
            gradU = new double[d];
        }
        int shortest = (meanPath + 1) / 2;          // ceil(L0 / 2)
        int longest = meanPath + meanPath / 2;      // L0 + floor(L0 / 2)
        int path = meanPath == 1 ? 1 : shortest + rng.nextInt(longest - shortest + 1);
        double eps = stepSize();
        double kinetic0 = 0;
        for (int i = 0; i < d; i++) {
            momentum[i] = rng.nextGaussian();
            kinetic0 += momentum[i] * momentum[i];
        }
        double h0 = potential.value(s, gradU) + 0.5 * kinetic0;
        double[] q = spare.theta;
        System.arraycopy(theta, 0, q, 0, d);
        double u = Double.NaN;
        State at = null;
        for (int l = 0; l < path; l++) {
            double half = l == 0 ? 0.5 * eps : eps;   // the trailing half kick of step l-1 merged with step l's
            for (int i = 0; i < d; i++) {
                momentum[i] -= half * gradU[i];
                q[i] += eps * momentum[i];
            }
            spare.energy = potential.model().energyAndGradient(q, spare.gradient);
            at = spare.freeze();
            u = potential.value(at, gradU);
            if (!Double.isFinite(u)) break;
        }
        double kinetic1 = 0;
        for (int i = 0; i < d; i++) {
            double p = momentum[i] - 0.5 * eps * gradU[i];
            kinetic1 += p * p;
        }
        double logAlpha = Double.isFinite(u) ? h0 - (u + 0.5 * kinetic1) : Double.NaN;
        double alpha = Double.isNaN(logAlpha) ? 0.0 : Math.min(1.0, Math.exp(logAlpha));
        if (rng.nextDouble() < alpha) {
            spare = new Potential.MutableState(s);
            return new Step<>(at, alpha, path, 1);
        }
        return new Step<>(s, alpha, path, 0);
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
