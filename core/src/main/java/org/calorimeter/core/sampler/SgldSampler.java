package org.calorimeter.core.sampler;

import java.util.SplittableRandom;

/**
 * Stochastic-gradient Langevin dynamics (Welling and Teh 2011): theta' = theta - h g + sqrt(2h) xi with g the
 * minibatch estimate (D/B) grad E_B / T + grad(-log pi). Minibatches are drawn without replacement, a fresh
 * permutation per epoch. There is no accept/reject step, so the chain samples p_T only up to an O(h) bias.
 * The recorded energy is the full-batch E, evaluated only when {@link #energy()} is asked for.
 */
public final class SgldSampler implements Sampler {
    private final Potential potential;
    private final SplittableRandom rng;
    private final int batch;
    private final int[] order;
    private final int[] rows;
    private int cursor;
    private double h;
    private final double[] theta;
    private final double[] grad;
    private double energy = Double.NaN;   // cached full-batch energy, NaN when stale

    public SgldSampler(Potential potential, double[] start, double stepSize, int batchSize, SplittableRandom rng) {
        this.potential = potential;
        this.rng = rng;
        int n = potential.model().dataSize();
        this.batch = Math.min(batchSize, n);
        this.order = new int[n];
        this.rows = new int[batch];
        for (int i = 0; i < n; i++) order[i] = i;
        this.cursor = n;   // forces a shuffle on the first step
        this.h = stepSize;
        this.theta = start.clone();
        this.grad = new double[start.length];
    }

    @Override
    public double step() {
        nextBatch();
        double scale = (double) order.length / batch;
        potential.valueAndGradient(theta, grad, rows, batch, scale);
        langevinMove();
        energy = Double.NaN;
        return 1.0;
    }

    /** Sub-step 1: the next minibatch (a contiguous slice of the current epoch's permutation). */
    private void nextBatch() {
        if (cursor + batch > order.length) {
            for (int i = order.length - 1; i > 0; i--) {   // Fisher-Yates
                int j = rng.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            cursor = 0;
        }
        System.arraycopy(order, cursor, rows, 0, batch);
        cursor += batch;
    }

    /** Sub-step 2: the Euler-Maruyama Langevin move with the minibatch gradient. */
    private void langevinMove() {
        double noise = Math.sqrt(2.0 * h);
        for (int i = 0; i < theta.length; i++) {
            theta[i] += -h * grad[i] + noise * rng.nextGaussian();
        }
    }

    @Override
    public double energy() {
        if (Double.isNaN(energy)) energy = potential.model().energy(theta);
        return energy;
    }

    /** A full-batch evaluation (SGLD holds only minibatch gradients); it also caches the energy. */
    @Override
    public void energyGradient(double[] out) {
        energy = potential.model().energyAndGradient(theta, out);
    }

    @Override
    public double[] position() {
        return theta;
    }

    @Override
    public double stepSize() {
        return h;
    }

    @Override
    public void setStepSize(double h) {
        this.h = org.calorimeter.core.model.Checks.positive("step size", h);
    }

    @Override
    public boolean adaptable() {
        return false;
    }
}
