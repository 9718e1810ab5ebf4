package org.calorimeter.core.model;

import java.util.Arrays;
import java.util.List;

/**
 * A deep linear network f(x) = W_L ... W_1 x with layer widths [n_0 = input, n_1, ..., n_L = output], no biases;
 * theta = (W_1, ..., W_L), each row-major (n_l x n_{l-1}). The squared loss depends on the data only through
 * Sxx = sum x x^T, Sxy = sum x y^T and Syy = sum |y|^2:
 * E = 1/2 tr(P Sxx P^T) - tr(P Sxy) + 1/2 Syy with P = W_L ... W_1, so the full-batch energy costs O(n_0^2 n_L)
 * whatever D is; minibatches compute the same statistics over their rows.
 */
public final class DeepLinearModel implements Model {
    private final Dataset data;
    private final int[] widths;
    private final int[] offsets;
    private final int dim;
    private final int in;
    private final int out;
    private final double[] sxx;
    private final double[] sxy;
    private final double syy;
    // scratch, so that an evaluation allocates nothing (one instance serves one chain)
    private final double[] batchXx;
    private final double[] batchXy;
    private final double[][] below;   // below[l] = W_l ... W_1 (n_l x in); below[0] = I
    private final double[] g;         // dE/dP (out x in)
    private final double[] uA;        // A_l^T G, two buffers used in turn (max n_l x in)
    private final double[] uB;

    public DeepLinearModel(Dataset data, List<Integer> layerWidths) {
        this.widths = layerWidths.stream().mapToInt(Integer::intValue).toArray();
        if (widths.length < 2) throw new IllegalArgumentException("need at least input and output widths: " + layerWidths);
        this.data = data;
        this.in = widths[0];
        this.out = widths[widths.length - 1];
        Checks.equal("input dimension", data.inputDim(), in);
        Checks.equal("output dimension", data.outputDim(), out);
        offsets = new int[widths.length];
        int d = 0;
        for (int l = 1; l < widths.length; l++) {
            offsets[l] = d;
            d += widths[l] * widths[l - 1];
        }
        this.dim = d;
        sxx = new double[in * in];
        sxy = new double[in * out];
        syy = statistics(null, data.size(), sxx, sxy);
        batchXx = new double[in * in];
        batchXy = new double[in * out];
        below = new double[widths.length][];
        int widest = 0;
        for (int l = 0; l < widths.length; l++) {
            below[l] = new double[widths[l] * in];
            widest = Math.max(widest, widths[l]);
        }
        for (int i = 0; i < in; i++) below[0][i * in + i] = 1.0;
        g = new double[out * in];
        uA = new double[widest * in];
        uB = new double[widest * in];
    }

    public static int parameterCount(List<Integer> widths) {
        int d = 0;
        for (int l = 1; l < widths.size(); l++) d += widths.get(l) * widths.get(l - 1);
        return d;
    }

    @Override
    public int dim() {
        return dim;
    }

    @Override
    public int dataSize() {
        return data.size();
    }

    /** Fills Sxx and Sxy over the rows; returns Syy. */
    private double statistics(int[] rows, int count, double[] xx, double[] xy) {
        Arrays.fill(xx, 0.0);
        Arrays.fill(xy, 0.0);
        double yy = 0;
        double[] x = data.inputs();
        double[] y = data.labels();
        for (int s = 0; s < count; s++) {
            int i = rows == null ? s : rows[s];
            int xo = i * in;
            int yo = i * out;
            for (int a = 0; a < in; a++) {
                double xa = x[xo + a];
                for (int b = 0; b < in; b++) xx[a * in + b] += xa * x[xo + b];
                for (int c = 0; c < out; c++) xy[a * out + c] += xa * y[yo + c];
            }
            for (int c = 0; c < out; c++) yy += y[yo + c] * y[yo + c];
        }
        return yy;
    }

    /** The end-to-end matrix P = W_L ... W_1 (out x in, row-major). */
    public double[] product(double[] theta) {
        double[] p = identity(in);
        int rows = in;
        for (int l = 1; l < widths.length; l++) {
            p = multiply(theta, offsets[l], widths[l], widths[l - 1], p, rows, in, new double[widths[l] * in]);
            rows = widths[l];
        }
        return p;
    }

    @Override
    public double energyAndGradient(double[] theta, double[] grad, int[] rows, int count) {
        Checks.equal("parameter count", theta.length, dim);
        double[] xx = sxx;
        double[] xy = sxy;
        double yy = syy;
        if (rows != null || count != data.size()) {
            xx = batchXx;
            xy = batchXy;
            yy = statistics(rows, count, xx, xy);
        }
        int layers = widths.length - 1;
        for (int l = 1; l <= layers; l++) {
            multiply(theta, offsets[l], widths[l], widths[l - 1], below[l - 1], widths[l - 1], in, below[l]);
        }
        double[] p = below[layers];
        // G = P Sxx - Sxy^T (out x in) = dE/dP; E = 1/2 <P Sxx, P> - <P, Sxy^T> + 1/2 Syy.
        double energy = 0.5 * yy;
        for (int c = 0; c < out; c++) {
            for (int a = 0; a < in; a++) {
                double ps = 0;
                for (int b = 0; b < in; b++) ps += p[c * in + b] * xx[b * in + a];
                double pca = p[c * in + a];
                energy += 0.5 * ps * pca - pca * xy[a * out + c];
                g[c * in + a] = ps - xy[a * out + c];
            }
        }
        if (grad == null) return energy;
        // dE/dW_l = A_l^T G below[l-1]^T with A_l = W_L ... W_{l+1} (out x n_l); walk down keeping U = A_l^T G.
        double[] u = g;   // (n_L x in) = A_L^T G with A_L = I
        double[] spare = uA;
        for (int l = layers; l >= 1; l--) {
            int rowsL = widths[l];
            int cols = widths[l - 1];
            double[] prev = below[l - 1];   // (cols x in)
            int off = offsets[l];
            for (int i = 0; i < rowsL; i++) {
                for (int j = 0; j < cols; j++) {
                    double sum = 0;
                    for (int a = 0; a < in; a++) sum += u[i * in + a] * prev[j * in + a];
                    grad[off + i * cols + j] = sum;
                }
            }
            if (l > 1) {
                double[] next = spare;   // W_l^T U
                Arrays.fill(next, 0, cols * in, 0.0);
                for (int j = 0; j < cols; j++) {
                    for (int i = 0; i < rowsL; i++) {
                        double w = theta[off + i * cols + j];
                        if (w == 0) continue;
                        for (int a = 0; a < in; a++) next[j * in + a] += w * u[i * in + a];
                    }
                }
                spare = u == g ? uB : u;
                u = next;
            }
        }
        return energy;
    }

    private static double[] identity(int n) {
        double[] m = new double[n * n];
        for (int i = 0; i < n; i++) m[i * n + i] = 1.0;
        return m;
    }

    /** (rows x inner) matrix at theta[off..] times (inner x cols) matrix b, into c (overwritten). */
    private static double[] multiply(double[] theta, int off, int rows, int inner, double[] b, int bRows, int cols,
                                     double[] c) {
        Checks.equal("inner dimension", inner, bRows);
        Arrays.fill(c, 0, rows * cols, 0.0);
        for (int i = 0; i < rows; i++) {
            for (int k = 0; k < inner; k++) {
                double w = theta[off + i * inner + k];
                if (w == 0) continue;
                for (int j = 0; j < cols; j++) c[i * cols + j] += w * b[k * cols + j];
            }
        }
        return c;
    }
}
