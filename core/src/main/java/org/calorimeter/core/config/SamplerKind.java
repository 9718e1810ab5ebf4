package org.calorimeter.core.config;

import java.util.Arrays;

/** Samplers, by their {@code sampler.kind} key. */
public enum SamplerKind {
    /** Metropolis-adjusted Langevin: exact for p_T. */
    MALA("mala"),
    /** Stochastic-gradient Langevin dynamics: minibatch gradients, no accept/reject (biased by the step size). */
    SGLD("sgld"),
    /** Hamiltonian Monte Carlo with a jittered path length (exact; scales better with d than MALA). */
    HMC("hmc"),
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

    /** Gradient samplers on continuous weights, which have a step size. */
    public boolean langevin() {
        return this == MALA || this == SGLD || this == HMC;
    }

    /** Exact for p_T (Metropolis-adjusted or rejection-free), so replica exchange is on by default. */
    public boolean exact() {
        return this != SGLD;
    }

    public static SamplerKind parse(String path, String text, SamplerKind[] allowed, String family) {
        for (SamplerKind k : allowed) {
            if (k.key.equals(text)) return k;
        }
        throw new ConfigException(path, "unknown sampler '" + text + "' for family " + family + "; allowed: "
                + Arrays.toString(Arrays.stream(allowed).map(SamplerKind::key).toArray()));
    }
}
