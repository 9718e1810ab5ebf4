package org.calorimeter.core.model;

/**
 * A model with binary weights s_i = +-1 (spins) and an energy E(s). Sampled by single-flip Metropolis or, for lattice
 * systems, Wolff cluster updates; there is no gradient. A model is immutable; {@link #start} gives a mutable
 * configuration that caches what makes a flip cheap (the energy, the magnetisation, a perceptron's local fields).
 */
public interface SpinModel {
    /** Number of spins n (the weights). */
    int size();

    /** A configuration starting at a copy of {@code spins}, with its energy cached. */
    State start(byte[] spins);

    /** A configuration and its cached energy. Not thread-safe: one per chain. */
    interface State {
        /** E of the current configuration. */
        double energy();

        /** E(s with spin i flipped) - E(s). */
        double delta(int i);

        /** Flips spin i (and updates the cached energy by {@link #delta}). */
        void flip(int i);

        /** The spins; a read-only view that the next flip changes. */
        byte[] spins();

        /** M = sum_i s_i. */
        int magnetisation();
    }

    /** All spins +1. */
    static byte[] allUp(int n) {
        byte[] s = new byte[n];
        java.util.Arrays.fill(s, (byte) 1);
        return s;
    }

    /** Independent +-1 spins from {@code rng} (a hot start). */
    static byte[] random(int n, java.util.SplittableRandom rng) {
        byte[] s = new byte[n];
        for (int i = 0; i < n; i++) s[i] = rng.nextBoolean() ? (byte) 1 : (byte) -1;
        return s;
    }
}
