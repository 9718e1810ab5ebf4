package org.calorimeter.core.config;

import java.io.Serializable;

/**
 * Sampler settings. {@code stepSize} is NaN for {@code auto}: adapted during burn-in towards the MALA
 * acceptance rate {@link #TARGET_ACCEPT}, then frozen.
 */
public record SamplerSpec(SamplerKind kind, double stepSize, int burnIn, int steps, int thin, int batchSize,
                          int chains, int traceLength, double localization) implements Serializable {
    /** Without localisation. */
    public SamplerSpec(SamplerKind kind, double stepSize, int burnIn, int steps, int thin, int batchSize, int chains,
                       int traceLength) {
        this(kind, stepSize, burnIn, steps, thin, batchSize, chains, traceLength, 0.0);
    }

    /** Most chains per cell: each is a full sampler run inside the cell's task. */
    public static final int MAX_CHAINS = 64;

    /** Roberts and Rosenthal (1998): the asymptotically optimal MALA acceptance rate. */
    public static final double TARGET_ACCEPT = 0.574;

    public boolean autoStep() {
        return Double.isNaN(stepSize);
    }

    /** Number of recorded samples after burn-in. */
    public int recorded() {
        return steps / thin;
    }
}
