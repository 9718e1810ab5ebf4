package org.calorimeter.core.config;

import java.io.Serializable;

/**
 * Sampler settings. {@code stepSize} is NaN for {@code auto}: adapted during burn-in towards the kernel's optimal
 * acceptance rate (MALA 0.574, HMC 0.651), then frozen. {@code leapfrog} is HMC's mean path length.
 */
public record SamplerSpec(SamplerKind kind, double stepSize, int burnIn, int steps, int thin, int batchSize,
                          int chains, int traceLength, double localization, int leapfrog, ExchangeSpec exchange,
                          int fisherTop)
        implements Serializable {
    /** Without localisation, HMC settings or exchange. */
    public SamplerSpec(SamplerKind kind, double stepSize, int burnIn, int steps, int thin, int batchSize, int chains,
                       int traceLength) {
        this(kind, stepSize, burnIn, steps, thin, batchSize, chains, traceLength, 0.0, DEFAULT_LEAPFROG,
                ExchangeSpec.OFF, kind.langevin() ? DEFAULT_FISHER_TOP : 0);
    }

    /**
     * Top eigenvalues of the Fisher information reported per continuous cell by default (0 turns the Hessian work
     * off; the trace is always reported). Three: the leading directions the data pin down, enough to see a gap.
     */
    public static final int DEFAULT_FISHER_TOP = 3;

    /**
     * Points at which the Hessian of U is evaluated for the Fisher spectrum, over all chains of a cell: eight keep the
     * jackknife over chains (or over points, with one chain) from resting on one or two degrees of freedom.
     */
    public static final int FISHER_POINTS = 8;

    /**
     * Blocks per chain of the score's second moments (the jackknife groups of d_eff) for dimension d in a line of m
     * temperatures: 32 blocks over all chains, so that the jackknife error rests on 31 degrees of freedom (with 8 its
     * pulls are t-distributed with 7, mean square 1.4, and |z| > 3 one time in 50); fewer, down to 8, where 32 blocks
     * of d(d+1)/2 doubles at every temperature would pass 64 MB.
     */
    public int fisherBlocksPerChain(int d, int m) {
        long perBlock = 4L * d * (d + 1) * m;
        int groups = (int) Math.max(8, Math.min(32, (64L << 20) / Math.max(1, perBlock)));
        return Math.max(1, (groups + chains - 1) / chains);
    }

    /** Hessian points per chain, evenly spaced over the second half of its recording: at least 2. */
    public int fisherPointsPerChain() {
        return Math.max(2, (FISHER_POINTS + chains - 1) / chains);
    }

    /** Most Fisher eigenvalues per cell: beyond the dense limit they come from 40 Lanczos steps, half of which converge. */
    public static final int MAX_FISHER_TOP = 20;

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
