package org.calorimeter.core.config;

import java.util.Arrays;

/** Samplers, by their {@code sampler.kind} key. */
public enum SamplerKind {
    /** Metropolis-adjusted Langevin: exact for p_T. */
    MALA("mala"),
    /** Stochastic-gradient Langevin dynamics: minibatch gradients, no accept/reject (biased by the step size). */
    SGLD("sgld");

    private final String key;

    SamplerKind(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static SamplerKind parse(String path, String text) {
        for (SamplerKind k : values()) {
            if (k.key.equals(text)) return k;
        }
        throw new ConfigException(path, "unknown sampler '" + text + "'; allowed: "
                + Arrays.toString(Arrays.stream(values()).map(SamplerKind::key).toArray()));
    }
}
