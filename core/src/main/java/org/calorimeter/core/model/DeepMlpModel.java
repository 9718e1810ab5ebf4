package org.calorimeter.core.model;

import java.util.Arrays;

/**
 * A network of {@code depth} >= 2 hidden layers of equal width N and scalar output, no biases:
 * a_1 = phi(W_1 x / sqrt(n)), a_l = phi(W_l a_{l-1} / sqrt(N)), f = v . a_depth. Parameters: W_1 (N x n, row-major),
 * W_2..W_depth (N x N), then v (N); d = N n + (depth - 1) N^2 + N. With depth 1 this is {@link MlpModel}'s layout.
 */
public final class DeepMlpModel implements Model {
    private final Dataset data;
    private final int n;
    private final int width;
    private final int depth;
    private final Activation phi;
    private final double[][] pre;
    private final double[][] act;
    private final double[] back;
    private final double[] next;

    public DeepMlpModel(Dataset data, int width, int depth, Activation phi) {
        if (depth < 2) throw new IllegalArgumentException("DeepMlpModel needs depth >= 2 (use MlpModel): " + depth);
        this.data = data;
        this.n = data.inputDim();
        this.width = width;
        this.depth = depth;
        this.phi = phi;
        this.pre = new double[depth][width];
        this.act = new double[depth][width];
        this.back = new double[width];
        this.next = new double[width];
    }

    public static int parameterCount(int width, int inputDim, int depth) {
        return width * inputDim + (depth - 1) * width * width + width;
    }

    @Override
    public int dim() {
        return parameterCount(width, n, depth);
    }

    @Override
    public int dataSize() {
        return data.size();
    }

    /** Offset of W_l (l = 0 is the first layer) in theta. */
    private int layerOffset(int l) {
        return l == 0 ? 0 : width * n + (l - 1) * width * width;
    }

    @Override
    public double energyAndGradient(double[] theta, double[] grad, int[] rows, int count) {
        Checks.equal("parameter count", theta.length, dim());
        if (grad != null) Arrays.fill(grad, 0.0);
        double[] x = data.inputs();
        double[] y = data.labels();
        int vOff = layerOffset(depth);
        double inScale = 1.0 / Math.sqrt(n);
        double hidScale = 1.0 / Math.sqrt(width);
        double energy = 0.0;
        for (int s = 0; s < count; s++) {
            int i = rows == null ? s : rows[s];
            int off = i * n;
            for (int l = 0; l < depth; l++) {
                int wOff = layerOffset(l);
                int fan = l == 0 ? n : width;
                double scale = l == 0 ? inScale : hidScale;
                for (int j = 0; j < width; j++) {
                    double h = 0.0;
                    int row = wOff + j * fan;
                    if (l == 0) {
                        for (int k = 0; k < n; k++) h += theta[row + k] * x[off + k];
                    } else {
                        double[] below = act[l - 1];
                        for (int k = 0; k < width; k++) h += theta[row + k] * below[k];
                    }
                    h *= scale;
                    pre[l][j] = h;
                    act[l][j] = phi.value(h);
                }
            }
            double f = 0.0;
            for (int j = 0; j < width; j++) f += theta[vOff + j] * act[depth - 1][j];
            double r = f - y[i];
            energy += 0.5 * r * r;
            if (grad == null) continue;
            // back[j] = dE/d pre-activation of layer l, from the top down.
            for (int j = 0; j < width; j++) {
                grad[vOff + j] += r * act[depth - 1][j];
                back[j] = r * theta[vOff + j] * phi.derivativeFromValue(pre[depth - 1][j], act[depth - 1][j]);
            }
            for (int l = depth - 1; l >= 0; l--) {
                int wOff = layerOffset(l);
                int fan = l == 0 ? n : width;
                double scale = l == 0 ? inScale : hidScale;
                if (l > 0) Arrays.fill(next, 0.0);
                for (int j = 0; j < width; j++) {
                    double b = back[j] * scale;
                    int row = wOff + j * fan;
                    if (l == 0) {
                        for (int k = 0; k < n; k++) grad[row + k] += b * x[off + k];
                    } else {
                        double[] below = act[l - 1];
                        for (int k = 0; k < width; k++) {
                            grad[row + k] += b * below[k];
                            next[k] += b * theta[row + k];
                        }
                    }
                }
                if (l > 0) {
                    for (int k = 0; k < width; k++) {
                        back[k] = next[k] * phi.derivativeFromValue(pre[l - 1][k], act[l - 1][k]);
                    }
                }
            }
        }
        return energy;
    }
}
