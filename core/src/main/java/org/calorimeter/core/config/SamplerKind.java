package org.calorimeter.core.config;

import java.util.Arrays;

/** Samplers, by their {@code sampler.kind} key. */
public enum SamplerKind {
    /** Metropolis-adjusted Langevin: exact for p_T. */
    MALA("mala"),
    /** Stochastic-gradient Langevin dynamics: minibatch gradients, no accept/reject (biased by the step size). */
    SGLD("sgld"),
    /** Single-flip Metropolis for binary weights (exact). */
    METROPOLIS("metropolis"),
    /** Wolff cluster updates for the 2D Ising model (exact). */
    WOLFF("wolff");

    private final String key;

    SamplerKind(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /** Langevin samplers, which have a step size. */
    public boolean langevin() {
        return this == MALA || this == SGLD;
    }

    public static SamplerKind parse(String path, String text, SamplerKind[] allowed, String family) {
        for (SamplerKind k : allowed) {
            if (k.key.equals(text)) return k;
        }
        throw new ConfigException(path, "unknown sampler '" + text + "' for family " + family + "; allowed: "
                + Arrays.toString(Arrays.stream(allowed).map(SamplerKind::key).toArray()));
    }
}
