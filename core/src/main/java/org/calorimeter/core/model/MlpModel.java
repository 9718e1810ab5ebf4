package org.calorimeter.core.model;

import java.util.Arrays;
import org.calorimeter.core.kernel.Kernels;

/**
 * Two-layer network with scalar output: f(x) = sum_j v_j phi(w_j . x / sqrt(n)), width N, input
 * dimension n, no biases. Parameters are laid out as theta = (w_1, ..., w_N, v): N*n first-layer weights
 * (row j is w_j) followed by the N output weights; d = N (n + 1).
 *
 * <p>The energy and gradient run on {@link Kernels}: the first layer is transposed once per call (wt = W^T, n x N)
 * so that the forward product and the weight gradient are register-blocked SIMD loops over the width, four
 * examples at a time, with a fixed order of operations (bitwise reproducible on any CPU; see Kernels).
 */
public final class MlpModel implements Model {
    /** Examples per block: gwt (n x width) is read and written once per block. */
    private static final int BLOCK = 32;

    private final Dataset data;
    private final int n;
    private final int width;
    private final Activation phi;
    private final double inputScale;
    private final double[] wt;     // scratch: W^T, wt[k * width + j] = W[j][k]
    private final double[] gwt;    // scratch: dE/dW^T
    private final double[] act;    // scratch: BLOCK x width pre-activation sums, then activations, then back-signals
    private final double[] pre;    // scratch: BLOCK x width pre-activations (activations other than tanh)
    private final double[] res = new double[BLOCK];   // residuals f - y of the block
    private final double[] coef = new double[BLOCK];  // r / sqrt(n) per example
    private final int[] offsets = new int[BLOCK];

    public MlpModel(Dataset data, int width, Activation phi) {
        this.data = data;
        this.n = data.inputDim();
        this.width = width;
        this.phi = phi;
        this.inputScale = 1.0 / Math.sqrt(n);
        this.wt = new double[n * width];
        this.gwt = new double[n * width];
        this.act = new double[BLOCK * width];
        this.pre = phi == Activation.TANH ? new double[0] : new double[BLOCK * width];
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
        double[] x = data.inputs();
        double[] y = data.labels();
        int vOff = width * n;
        Kernels.transpose(theta, 0, width, n, wt, 0);
        if (grad != null) {
            Arrays.fill(gwt, 0.0);
            Arrays.fill(grad, vOff, vOff + width, 0.0);
        }
        double energy = 0.0;
        for (int s = 0; s < count; s += BLOCK) {
            int m = Math.min(BLOCK, count - s);
            for (int q = 0; q < m; q++) offsets[q] = n * (rows == null ? s + q : rows[s + q]);
            int q = 0;
            for (; q + 4 <= m; q += 4) {
                Kernels.forward4(wt, width, n, x, offsets[q], offsets[q + 1], offsets[q + 2], offsets[q + 3], act,
                        q * width);
            }
            for (; q < m; q++) Kernels.forward1(wt, width, n, x, offsets[q], act, q * width);
            activate(m);
            for (q = 0; q < m; q++) energy += residual(theta, y, rows, s + q, q);
            if (grad != null) {
                backSignals(theta, grad, m);
                Kernels.backwardBlock(gwt, width, n, x, offsets, m, act);
            }
        }
        if (grad != null) Kernels.transpose(gwt, 0, n, width, grad, 0);
        return energy;
    }

    /** Pre-activation sums of the block's m examples (contiguous in act) to activations. */
    private void activate(int m) {
        if (phi == Activation.TANH) {
            Kernels.tanhScaled(act, 0, m * width, inputScale);
        } else {
            for (int j = 0; j < m * width; j++) {
                double z = act[j] * inputScale;
                pre[j] = z;
                act[j] = phi.value(z);
            }
        }
    }

    /** The output of block slot q, its residual (kept in res[q]) and 1/2 r^2. */
    private double residual(double[] theta, double[] y, int[] rows, int s, int q) {
        int off = q * width;
        double r = Kernels.dot(theta, width * n, act, off, width) - y[rows == null ? s : rows[s]];
        res[q] = r;
        return 0.5 * r * r;
    }

    /** dE/dv += r_q act_q over the block, then act becomes the back-signals r_q v_j phi'(z_qj) / sqrt(n). */
    private void backSignals(double[] theta, double[] grad, int m) {
        int vOff = width * n;
        Kernels.axpyBlock(res, act, m, width, grad, vOff);
        for (int q = 0; q < m; q++) coef[q] = res[q] * inputScale;
        if (phi == Activation.TANH) {
            Kernels.tanhBackBlock(act, m, width, theta, vOff, coef);
        } else {
            for (int q = 0; q < m; q++) {
                int off = q * width;
                for (int j = 0; j < width; j++) {
                    act[off + j] = (coef[q] * theta[vOff + j]) * phi.derivativeFromValue(pre[off + j], act[off + j]);
                }
            }
        }
    }
}
