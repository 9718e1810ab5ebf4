package org.calorimeter.core.sampler;

import org.calorimeter.core.model.SpinModel;

/**
 * A Markov chain on spin configurations targeting p_T(s) ~ exp(-E(s)/T) (binary weights have a flat prior). A sampler
 * owns its configuration and its random stream. One {@link #sweep} is the unit of time: n attempted single flips, or
 * Wolff clusters flipping about n spins in total, so tau_int is in sweeps for both.
 */
public interface SpinSampler {
    /** One sweep; returns the fraction of attempted flips accepted (NaN for cluster updates, which always flip). */
    double sweep();

    /** Ends burn-in: any tuning done during burn-in is frozen so that the chain after it is a fixed Markov chain. */
    default void freeze() {}

    /** The current configuration (owned by the sampler: read it, do not flip it). */
    SpinModel.State state();
}
