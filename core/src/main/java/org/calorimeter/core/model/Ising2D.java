package org.calorimeter.core.model;

/**
 * The ferromagnetic Ising model on a periodic L x L square lattice, J = 1: E = -sum over nearest-neighbour bonds of
 * s_i s_j (2 L^2 bonds). Site i = row * L + col.
 */
public final class Ising2D implements SpinModel {
    private final int l;
    private final int[] neighbours;

    public Ising2D(int l) {
        if (l < 3) throw new IllegalArgumentException("lattice side L must be >= 3 (periodic bonds): " + l);
        this.l = l;
        int n = l * l;
        neighbours = new int[4 * n];
        for (int i = 0; i < n; i++) {
            int r = i / l;
            int c = i % l;
            neighbours[4 * i] = r * l + (c + 1) % l;
            neighbours[4 * i + 1] = r * l + (c + l - 1) % l;
            neighbours[4 * i + 2] = ((r + 1) % l) * l + c;
            neighbours[4 * i + 3] = ((r + l - 1) % l) * l + c;
        }
    }

    public int side() {
        return l;
    }

    @Override
    public int size() {
        return l * l;
    }

    /** The four neighbours of site i: entries 4i..4i+3 (right, left, down, up). */
    public int[] neighbourTable() {
        return neighbours;
    }

    /** E(s) computed from scratch. */
    public double energy(byte[] s) {
        long e = 0;
        for (int i = 0; i < s.length; i++) e -= s[i] * (s[neighbours[4 * i]] + s[neighbours[4 * i + 2]]);
        return e;
    }

    @Override
    public State start(byte[] spins) {
        if (spins.length != size()) {
            throw new IllegalArgumentException("inconsistent spin counts: " + spins.length + " != " + size());
        }
        byte[] s = spins.clone();
        return new LatticeState(s, (int) energy(s));
    }

    private final class LatticeState extends BaseState {
        private int energy;

        LatticeState(byte[] s, int energy) {
            super(s);
            this.energy = energy;
        }

        @Override
        public double energy() {
            return energy;
        }

        int localDelta(int i) {
            int k = 4 * i;
            return 2 * s[i] * (s[neighbours[k]] + s[neighbours[k + 1]] + s[neighbours[k + 2]] + s[neighbours[k + 3]]);
        }

        @Override
        public double delta(int i) {
            return localDelta(i);
        }

        @Override
        public void flip(int i) {
            energy += localDelta(i);
            flipSpin(i);
        }
    }
}
