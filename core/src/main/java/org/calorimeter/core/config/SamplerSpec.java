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

    /**
     * HMC's default mean number of leapfrog steps per trajectory. Measured on the quickstart's hardest line (tanh MLP,
     * N = 16, D = 256, T = 0.01, exchange with an automatic ladder): gradients per effective sample of E were 8 x 24 =
     * 190 at L = 8, 16 x 6.9 = 110 at L = 16 and 32 x 4.3 = 140 at L = 32 (docs/performance.md).
     */
    public static final int DEFAULT_LEAPFROG = 16;

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
