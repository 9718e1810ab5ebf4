package org.calorimeter.core.cell;

import java.io.Serializable;

/**
 * A bounded record of one chain for later analyses (multi-temperature reweighting): E and psi after the chain's
 * detected equilibration, every {@code stride}-th recorded sample, at most {@code sampler.trace_length} points.
 */
public record ChainTrace(int chain, int stride, double[] energy, double[] psi) implements Serializable {

    /** Every stride-th point of the equilibrated series, the stride chosen so that at most {@code length} remain. */
    static ChainTrace thinned(int chain, double[] energy, double[] psi, int length) {
        int n = energy.length;
        int stride = Math.max(1, (n + length - 1) / length);
        int m = (n + stride - 1) / stride;
        double[] e = new double[m];
        double[] p = new double[m];
        for (int i = 0; i < m; i++) {
            e[i] = energy[i * stride];
            p[i] = psi[i * stride];
        }
        return new ChainTrace(chain, stride, e, p);
    }
}
