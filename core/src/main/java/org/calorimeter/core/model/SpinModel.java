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

    /**
     * The bookkeeping every state shares: the spins and M = sum_i s_i, with {@link #flipSpin} updating both.
     * Subclasses add their own cached energy.
     */
    abstract class BaseState implements State {
        protected final byte[] s;
        private int m;

        protected BaseState(byte[] spins) {
            this.s = spins;
            for (byte b : spins) m += b;
        }

        /** Flips spin i and updates M (the subclass updates its energy first). */
        protected final void flipSpin(int i) {
            m -= 2 * s[i];
            s[i] = (byte) -s[i];
        }

        @Override
        public final byte[] spins() {
            return s;
        }

        @Override
        public final int magnetisation() {
            return m;
        }
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
