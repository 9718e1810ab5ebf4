package org.calorimeter.bench;

import java.util.SplittableRandom;
import org.calorimeter.core.sampler.Kernel;

/** A benchmarked chain: a kernel, the state it returned last, its potential and stream. One {@link #step} = one step. */
final class Chain<S, P> {
    private final Kernel<S, P> kernel;
    private final P potential;
    private final SplittableRandom rng;
    private S state;

    Chain(Kernel<S, P> kernel, S start, P potential, SplittableRandom rng) {
        this.kernel = kernel;
        this.state = start;
        this.potential = potential;
        this.rng = rng;
    }

    double step() {
        Kernel.Step<S> s = kernel.step(state, potential, rng);
        state = s.state();
        return s.acceptance();
    }
}
