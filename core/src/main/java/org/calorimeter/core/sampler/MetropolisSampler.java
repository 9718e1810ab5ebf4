package org.calorimeter.core.sampler;

import java.util.SplittableRandom;
import org.calorimeter.core.model.SpinModel;

/**
 * Single-flip Metropolis: pick a site uniformly, flip it with probability min(1, exp(-dE/T)). Sub-steps: {@link #propose}
 * (the site and its dE) and {@link #acceptOrReject}.
 */
public final class MetropolisSampler implements SpinSampler {
    private final SpinModel.State state;
    private final int n;
    private final double beta;
    private final SplittableRandom rng;

    public MetropolisSampler(SpinModel model, byte[] start, double temperature, SplittableRandom rng) {
        this.state = model.start(start);
        this.n = model.size();
        this.beta = 1.0 / temperature;
        this.rng = rng;
    }

    @Override
    public double sweep() {
        int accepted = 0;
        for (int k = 0; k < n; k++) {
            int site = propose();
            if (acceptOrReject(site, state.delta(site))) accepted++;
        }
        return (double) accepted / n;
    }

    int propose() {
        return rng.nextInt(n);
    }

    boolean acceptOrReject(int site, double delta) {
        // A uniform draw is taken for every proposal, so the stream's position does not depend on the sign of dE.
        double u = rng.nextDouble();
        if (delta <= 0 || u < Math.exp(-beta * delta)) {
            state.flip(site);
            return true;
        }
        return false;
    }

    @Override
    public SpinModel.State state() {
        return state;
    }
}
