package org.calorimeter.core.model;

import java.util.Arrays;

/**
 * Linear regression without hidden layer: f(x) = w . x (+ b with {@code bias}), d = input_dim (+ 1). The exact
 * reference model. With a bias, theta = (w, b).
 */
public final class LinearModel implements Model {
    private final Dataset data;
    private final int n;
    private final boolean bias;

    public LinearModel(Dataset data) {
        this(data, false);
    }

    public LinearModel(Dataset data, boolean bias) {
        this.data = data;
        this.n = data.inputDim();
        this.bias = bias;
    }

    @Override
    public int dim() {
        return bias ? n + 1 : n;
    }

    @Override
    public int dataSize() {
        return data.size();
    }

    @Override
    public double energyAndGradient(double[] w, double[] grad, int[] rows, int count) {
        Checks.equal("parameter count", w.length, dim());
        if (grad != null) Arrays.fill(grad, 0.0);
        double[] x = data.inputs();
        double[] y = data.labels();
        double energy = 0.0;
        for (int k = 0; k < count; k++) {
            int i = rows == null ? k : rows[k];
            int off = i * n;
            double f = 0.0;
            for (int j = 0; j < n; j++) f += w[j] * x[off + j];
            if (bias) f += w[n];
            double r = f - y[i];
            energy += 0.5 * r * r;
            if (grad != null) {
                for (int j = 0; j < n; j++) grad[j] += r * x[off + j];
                if (bias) grad[n] += r;
            }
        }
        return energy;
    }
}
