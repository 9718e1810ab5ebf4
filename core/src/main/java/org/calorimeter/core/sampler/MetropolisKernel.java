package org.calorimeter.core.sampler;

import java.util.SplittableRandom;
import org.calorimeter.core.model.SpinModel;

/**
 * Single-flip Metropolis, one sweep a step: n times, pick a site uniformly and flip it with probability
 * min(1, exp(-dE/T)). The configuration is updated in place (a spin state is owned by the chain that holds it; replica
 * exchange moves whole states between temperatures).
 */
public final class MetropolisKernel implements Kernel<SpinModel.State, SpinPotential> {
    @Override
    public Step<SpinModel.State> step(SpinModel.State state, SpinPotential potential, SplittableRandom rng) {
        int n = potential.model().size();
        double beta = potential.beta();
        int accepted = 0;
        for (int k = 0; k < n; k++) {
            int site = rng.nextInt(n);
            double delta = state.delta(site);
            // A uniform draw is taken for every proposal, so the stream's position does not depend on the sign of dE.
            double u = rng.nextDouble();
            if (delta <= 0 || u < Math.exp(-beta * delta)) {
                state.flip(site);
                accepted++;
            }
        }
        return new Step<>(state, (double) accepted / n, n, accepted);
    }
}
