package org.calorimeter.core.sampler;

import java.util.SplittableRandom;

/**
 * Stochastic-gradient Langevin dynamics (Welling and Teh 2011): theta' = theta - h g + sqrt(2h) xi with g the
 * minibatch estimate (D/B) grad E_B / T + grad(-log pi). Minibatches are drawn without replacement, a fresh
 * permutation per epoch (the permutation is this kernel's scratch: one kernel per chain). There is no accept/reject
 * step, so the chain samples p_T only up to an O(h) bias. The returned state's full-batch energy is not evaluated
 * (NaN): {@link ContinuousKernel#exact} evaluates it when it is needed.
 */
public final class SgldKernel extends ContinuousKernel {
    private final int batchSize;
    private int[] order;
    private int[] rows;
    private int cursor;
    private int batch;
    private Potential.MutableState spare;
    private double[] grad;

    public SgldKernel(double stepSize, int batchSize) {
        super(stepSize);
        this.batchSize = batchSize;
    }

    @Override
    public Step<State> step(State s, Potential potential, SplittableRandom rng) {
        double[] theta = s.theta();
        int d = theta.length;
        if (order == null) {
            int n = potential.model().dataSize();
            batch = Math.min(batchSize, n);
            order = new int[n];
            rows = new int[batch];
            for (int i = 0; i < n; i++) order[i] = i;
            cursor = n;   // forces a shuffle on the first step
        }
        if (spare == null || spare.theta.length != d) {
            spare = new Potential.MutableState(d);
            grad = new double[d];
        }
        nextBatch(rng);
        double scale = (double) order.length / batch;
        potential.valueAndGradient(theta, grad, rows, batch, scale);
        double h = stepSize();
        double noise = Math.sqrt(2.0 * h);
        double[] next = spare.theta;
        for (int i = 0; i < d; i++) next[i] = theta[i] + (-h * grad[i] + noise * rng.nextGaussian());
        State moved = new State(next, Double.NaN, spare.gradient);
        spare = new Potential.MutableState(s);
        return new Step<>(moved, 1.0, 1, 1);
    }

    /** The next minibatch: a contiguous slice of the current epoch's permutation (Fisher-Yates per epoch). */
    private void nextBatch(SplittableRandom rng) {
        if (cursor + batch > order.length) {
            for (int i = order.length - 1; i > 0; i--) {
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

    @Override
    public boolean adaptable() {
        return false;
    }

    @Override
    public double targetAcceptance() {
        return Double.NaN;
    }
}
