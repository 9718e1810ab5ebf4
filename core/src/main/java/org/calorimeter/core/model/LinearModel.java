package org.calorimeter.core.model;

import java.util.Arrays;

/** Linear regression without hidden layer: f(x) = w . x, d = input_dim. The exact reference model. */
public final class LinearModel implements Model {
    private final Dataset data;
    private final int n;

    public LinearModel(Dataset data) {
        this.data = data;
        this.n = data.inputDim();
    }

    @Override
    public int dim() {
        return n;
    }

    @Override
    public int dataSize() {
        return data.size();
    }

    @Override
    public double energyAndGradient(double[] w, double[] grad, int[] rows, int count) {
        Checks.equal("parameter count", w.length, n);
        if (grad != null) Arrays.fill(grad, 0.0);
        double[] x = data.inputs();
        double[] y = data.labels();
        double energy = 0.0;
        for (int k = 0; k < count; k++) {
            int i = rows == null ? k : rows[k];
            int off = i * n;
            double f = 0.0;
            for (int j = 0; j < n; j++) f += w[j] * x[off + j];
            double r = f - y[i];
            energy += 0.5 * r * r;
            if (grad != null) {
                for (int j = 0; j < n; j++) grad[j] += r * x[off + j];
            }
        }
        return energy;
    }
}
