package org.calorimeter.core.model;

import java.util.Arrays;

/**
 * Two-layer network with scalar output: f(x) = sum_j v_j phi(w_j . x / sqrt(n)), width N, input
 * dimension n, no biases. Parameters are laid out as theta = (w_1, ..., w_N, v): N*n first-layer weights
 * (row j is w_j) followed by the N output weights; d = N (n + 1).
 */
public final class MlpModel implements Model {
    private final Dataset data;
    private final int n;
    private final int width;
    private final Activation phi;
    private final double inputScale;
    private final double[] pre;   // scratch: pre-activations of one example
    private final double[] act;   // scratch: activations of one example

    public MlpModel(Dataset data, int width, Activation phi) {
        this.data = data;
        this.n = data.inputDim();
        this.width = width;
        this.phi = phi;
        this.inputScale = 1.0 / Math.sqrt(n);
        this.pre = new double[width];
        this.act = new double[width];
    }

    public static int parameterCount(int width, int inputDim) {
        return width * (inputDim + 1);
    }

    /** Network output for one input (offset into an input array), for teachers and tests. */
    public static double output(double[] theta, int width, int n, Activation phi, double[] x, int off) {
        double scale = 1.0 / Math.sqrt(n);
        int vOff = width * n;
        double f = 0.0;
        for (int j = 0; j < width; j++) {
            double h = 0.0;
            int wOff = j * n;
            for (int k = 0; k < n; k++) h += theta[wOff + k] * x[off + k];
            f += theta[vOff + j] * phi.value(h * scale);
        }
        return f;
    }

    @Override
    public int dim() {
        return parameterCount(width, n);
    }

    @Override
    public int dataSize() {
        return data.size();
    }

    @Override
    public double energyAndGradient(double[] theta, double[] grad, int[] rows, int count) {
        Checks.equal("parameter count", theta.length, dim());
        if (grad != null) Arrays.fill(grad, 0.0);
        double[] x = data.inputs();
        double[] y = data.labels();
        int vOff = width * n;
        double energy = 0.0;
        for (int s = 0; s < count; s++) {
            int i = rows == null ? s : rows[s];
            int off = i * n;
            double f = 0.0;
            for (int j = 0; j < width; j++) {
                int wOff = j * n;
                double h = 0.0;
                for (int k = 0; k < n; k++) h += theta[wOff + k] * x[off + k];
                h *= inputScale;
                double a = phi.value(h);
                pre[j] = h;
                act[j] = a;
                f += theta[vOff + j] * a;
            }
            double r = f - y[i];
            energy += 0.5 * r * r;
            if (grad != null) {
                for (int j = 0; j < width; j++) {
                    grad[vOff + j] += r * act[j];
                    double back = r * theta[vOff + j] * phi.derivativeFromValue(pre[j], act[j]) * inputScale;
                    int wOff = j * n;
                    for (int k = 0; k < n; k++) grad[wOff + k] += back * x[off + k];
                }
            }
        }
        return energy;
    }
}
