package org.calorimeter.core.sampler;

import java.util.SplittableRandom;

/**
 * One Markov-chain transition, in the form {@code one_step(rng, state, potential) -> (state, info)}: the kernel reads
 * the state and the potential (which carries the temperature) and draws from {@code rng}, which the caller owns. A
 * kernel keeps only scratch buffers and its step size; adaptation (of the step size during burn-in, of Wolff's
 * clusters per sweep) wraps a kernel and is not inside it.
 *
 * @param <S> the chain's state ({@link State} for continuous weights, a spin configuration for binary ones)
 * @param <P> the potential: {@link Potential} or {@link SpinPotential}
 */
public interface Kernel<S, P> {
    Step<S> step(S state, P potential, SplittableRandom rng);

    /**
     * The next state and the step's statistics.
     *
     * @param acceptance the Metropolis acceptance probability of the step (1 for SGLD, the accepted fraction of a
     *                   Metropolis sweep, NaN for Wolff's rejection-free clusters)
     * @param moves      proposals made (leapfrog trajectories, single flips, clusters grown)
     * @param changed    coordinates that changed (spins flipped; for a continuous kernel 1 if it moved, else 0)
     */
    record Step<S>(S state, double acceptance, int moves, long changed) {}
}
