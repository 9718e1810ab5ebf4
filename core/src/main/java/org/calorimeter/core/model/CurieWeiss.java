package org.calorimeter.core.model;

/** The Curie-Weiss (fully connected) ferromagnet: E = -M^2 / (2N), M = sum_i s_i. T_c = 1 as N grows. */
public final class CurieWeiss implements SpinModel {
    private final int n;

    public CurieWeiss(int n) {
        if (n < 2) throw new IllegalArgumentException("Curie-Weiss needs N >= 2 spins: " + n);
        this.n = n;
    }

    @Override
    public int size() {
        return n;
    }

    public double energy(int magnetisation) {
        return -(double) magnetisation * magnetisation / (2.0 * n);
    }

    @Override
    public State start(byte[] spins) {
        if (spins.length != n) throw new IllegalArgumentException("inconsistent spin counts: " + spins.length + " != " + n);
        return new BaseState(spins.clone()) {
            @Override
            public double energy() {
                return CurieWeiss.this.energy(magnetisation());
            }

            @Override
            public double delta(int i) {
                return (2.0 * s[i] * magnetisation() - 2.0) / n;   // -((M - 2 s_i)^2 - M^2) / (2N)
            }

            @Override
            public void flip(int i) {
                flipSpin(i);
            }
        };
    }
}
