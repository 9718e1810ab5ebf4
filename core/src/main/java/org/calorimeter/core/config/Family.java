package org.calorimeter.core.config;

import java.util.Arrays;

/** Model families, by their {@code model.family} key. */
public enum Family {
    LINEAR("linear"),
    MLP("mlp"),
    /** A product of weight matrices, widths from {@code model.widths}; a rank-{@code teacher_rank} linear teacher. */
    DEEP_LINEAR("deep-linear"),
    /** Binary weights +-1 learning a +-1 teacher; energy = number of training errors. Grid width = number of weights. */
    ISING_PERCEPTRON("ising-perceptron"),
    /** Periodic L x L Ising model, J = 1 (calibration system, no data). Grid width = L. */
    ISING_2D("ising-2d"),
    /** Curie-Weiss ferromagnet E = -M^2/(2N) (calibration system, no data). Grid width = N. */
    CURIE_WEISS("curie-weiss");

    private final String key;

    Family(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /** Binary weights, sampled by Metropolis or Wolff instead of Langevin dynamics. */
    public boolean spins() {
        return this == ISING_PERCEPTRON || this == ISING_2D || this == CURIE_WEISS;
    }

    /** Whether the family learns from data (so {@code data_size} is on the grid). */
    public boolean hasData() {
        return this != ISING_2D && this != CURIE_WEISS;
    }

    /** The samplers allowed for this family; the first is the default. */
    public SamplerKind[] samplers() {
        return switch (this) {
            case ISING_2D -> new SamplerKind[] {SamplerKind.WOLFF, SamplerKind.METROPOLIS};
            case CURIE_WEISS, ISING_PERCEPTRON -> new SamplerKind[] {SamplerKind.METROPOLIS};
            default -> new SamplerKind[] {SamplerKind.MALA, SamplerKind.SGLD, SamplerKind.HMC};
        };
    }

    public static Family parse(String path, String text) {
        for (Family f : values()) {
            if (f.key.equals(text)) return f;
        }
        throw new ConfigException(path, "unknown family '" + text + "'; allowed: " + Arrays.toString(keys()));
    }

    public static String[] keys() {
        return Arrays.stream(values()).map(Family::key).toArray(String[]::new);
    }
}
