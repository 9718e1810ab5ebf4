package org.calorimeter.core.config;

import java.io.Serializable;

/**
 * Sampler settings. {@code stepSize} is NaN for {@code auto}: adapted during burn-in towards the kernel's optimal
 * acceptance rate (MALA 0.574, HMC 0.651), then frozen. {@code leapfrog} is HMC's mean path length.
 */
public record SamplerSpec(SamplerKind kind, double stepSize, int burnIn, int steps, int thin, int batchSize,
                          int chains, int traceLength, double localization, int leapfrog, ExchangeSpec exchange)
        implements Serializable {
    /** Without localisation, HMC settings or exchange. */
    public SamplerSpec(SamplerKind kind, double stepSize, int burnIn, int steps, int thin, int batchSize, int chains,
                       int traceLength) {
        this(kind, stepSize, burnIn, steps, thin, batchSize, chains, traceLength, 0.0, DEFAULT_LEAPFROG,
                ExchangeSpec.OFF);
    }

    /** HMC's default mean number of leapfrog steps per trajectory. */
    public static final int DEFAULT_LEAPFROG = 8;

    /** Most chains per cell: each is a full sampler run inside the cell's task. */
    public static final int MAX_CHAINS = 64;

    public boolean autoStep() {
        return Double.isNaN(stepSize);
    }

    /** Number of recorded samples after burn-in. */
    public int recorded() {
        return steps / thin;
    }
}
