package org.calorimeter.core.kernel;

/**
 * The hot loops of the continuous models, with one fixed order of floating-point operations.
 *
 * <p>Every kernel has a scalar implementation here, which is the definition, and a SIMD implementation in
 * {@link VectorKernels} (the incubating Vector API) that is used when the JVM resolves {@code jdk.incubator.vector}
 * (the project's launch scripts pass {@code --add-modules=jdk.incubator.vector}). The two give bitwise the same
 * results on any CPU and any vector width, by construction: the SIMD code only does lanewise IEEE operations
 * (add, mul, div, min, and fused multiply-add, which the Vector API defines as {@link Math#fma}), each output
 * element sees exactly the operations the scalar code applies to it, and no kernel reduces across lanes (the one
 * reduction, {@link #dot}, is scalar). So a retried task on another node type, or a JVM started without the
 * module, reproduces a cell bit for bit; {@code KernelsTest} checks the equality on every kernel.
 *
 * <p>Set {@code -Dcalorimeter.kernels=scalar} to force the scalar path.
 */
public final class Kernels {
    /** True when the SIMD implementation is in use. */
    public static final boolean VECTOR = probe();

    private Kernels() {
    }

    /** The system property that forces the scalar path, and its one allowed value. */
    public static final String PROPERTY = "calorimeter.kernels";

    /**
     * Null when {@value #PROPERTY} is unset or "scalar"; otherwise the one-line error naming the property and its
     * allowed values (the launcher checks this before any Spark job starts).
     */
    public static String optionError() {
        String v = System.getProperty(PROPERTY);
        return v == null || v.equals("scalar") ? null
                : "-D" + PROPERTY + ": '" + v + "' is not allowed; allowed: scalar (unset: SIMD when the JVM has "
                        + "jdk.incubator.vector, scalar otherwise; both give the same bits)";
    }

    private static boolean probe() {
        if ("scalar".equals(System.getProperty(PROPERTY))) return false;
        try {
            Class.forName("jdk.incubator.vector.DoubleVector");
            return VectorKernels.lanes() >= 2;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;   // module not resolved in this JVM: the scalar path gives the same bits, more slowly
        }
    }

    /** "vector (8 lanes)" or "scalar", for logs and benchmark tables. */
    public static String describe() {
        return VECTOR ? "vector (" + VectorKernels.lanes() + " lanes)" : "scalar";
    }

    // ---- tanh -------------------------------------------------------------------------------------------

    static final double LOG2E = 1.4426950408889634;
    static final double LN2_HI = 0.6931471803691238;      // high bits of ln 2 (Cody-Waite split)
    static final double LN2_LO = 1.9082149292705877e-10;  // ln 2 - LN2_HI
    /** 1.5 * 2^52: adding it rounds to the nearest integer, which then sits in the low mantissa bits. */
    static final double ROUND = 6755399441055744.0;
    static final long ROUND_BITS = Double.doubleToRawLongBits(ROUND);
    /** tanh(20) = 1 - 8.5e-18 is 1 in double precision; clamping there keeps 2^k normal. */
    static final double CLAMP = 20.0;
    // Taylor coefficients 1/i! of exp on |r| <= ln2 / 2 (the degree-13 remainder is below 4.2e-18), as constants
    // so that the SIMD code's broadcasts of them are hoisted out of its loop.
    static final double E0 = 1.0;
    static final double E1 = 1.0;
    static final double E2 = 1.0 / 2;
    static final double E3 = 1.0 / 6;
    static final double E4 = 1.0 / 24;
    static final double E5 = 1.0 / 120;
    static final double E6 = 1.0 / 720;
    static final double E7 = 1.0 / 5040;
    static final double E8 = 1.0 / 40320;
    static final double E9 = 1.0 / 362880;
    static final double E10 = 1.0 / 3628800;
    static final double E11 = 1.0 / 39916800;
    static final double E12 = 1.0 / 479001600;
    static final double E13 = 1.0 / 6227020800.0;

    /**
     * tanh(z) = sign(z) (1 - e) / (1 + e) with e = exp(-2|z|), exp by Cody-Waite reduction and a degree-13
     * Taylor polynomial. Absolute error below 4e-16 everywhere (KernelsTest compares with StrictMath.tanh); like
     * 1 - 2/(exp(2z) + 1) it is not accurate relative to tiny |z|, which the energy does not need.
     */
    public static double tanh(double z) {
        double a = Math.min(Math.abs(z), CLAMP);
        double x = -2.0 * a;
        double t = x * LOG2E + ROUND;
        double k = t - ROUND;
        double r = Math.fma(-k, LN2_LO, Math.fma(-k, LN2_HI, x));
        // Estrin's scheme (depth 5 instead of Horner's 13: the SIMD loop is bound by this dependency chain)
        double r2 = r * r;
        double r4 = r2 * r2;
        double r8 = r4 * r4;
        double q0 = Math.fma(E1, r, E0);
        double q1 = Math.fma(E3, r, E2);
        double q2 = Math.fma(E5, r, E4);
        double q3 = Math.fma(E7, r, E6);
        double q4 = Math.fma(E9, r, E8);
        double q5 = Math.fma(E11, r, E10);
        double q6 = Math.fma(E13, r, E12);
        double s0 = Math.fma(q1, r2, q0);
        double s1 = Math.fma(q3, r2, q2);
        double s2 = Math.fma(q5, r2, q4);
        double u0 = Math.fma(s1, r4, s0);
        double u1 = Math.fma(q6, r4, s2);
        double p = Math.fma(u1, r8, u0);
        double scale = Double.longBitsToDouble((Double.doubleToRawLongBits(t) - (ROUND_BITS - 1023L)) << 52);
        double e = p * scale;
        double th = (1.0 - e) / (1.0 + e);
        return z < 0.0 ? -th : th;
    }

    /** a[i] = tanh(scale a[i]) for i in [from, to). */
    public static void tanhScaled(double[] a, int from, int to, double scale) {
        if (VECTOR) VectorKernels.tanhScaled(a, from, to, scale);
        else tanhScaledScalar(a, from, to, scale);
    }

    static void tanhScaledScalar(double[] a, int from, int to, double scale) {
        for (int i = from; i < to; i++) a[i] = tanh(scale * a[i]);
    }

    /**
     * Back-propagation through tanh, in place: a[off + j] = (c v[vOff + j]) (1 - a[off + j]^2) for j < len, where
     * a holds tanh values (the derivative is 1 - tanh^2, computed as fma(-a, a, 1)).
     */
    public static void tanhBack(double[] a, int off, double[] v, int vOff, int len, double c) {
        if (VECTOR) VectorKernels.tanhBack(a, off, v, vOff, len, c);
        else tanhBackScalar(a, off, v, vOff, len, c);
    }

    static void tanhBackScalar(double[] a, int off, double[] v, int vOff, int len, double c) {
        for (int j = 0; j < len; j++) {
            double t = a[off + j];
            a[off + j] = (c * v[vOff + j]) * Math.fma(-t, t, 1.0);
        }
    }

    /** {@link #tanhBack} on the m rows of a block (row q at q * width, coefficient c[q]). */
    public static void tanhBackBlock(double[] a, int m, int width, double[] v, int vOff, double[] c) {
        for (int q = 0; q < m; q++) tanhBack(a, q * width, v, vOff, width, c[q]);
    }

    // ---- vector algebra ---------------------------------------------------------------------------------

    /**
     * y[yOff + j] += sum_q alpha[q] x[q * width + j] over the m rows of a block, one fma per row in the order
     * q = 0, 1, ...: the same bits as one fma pass per row in turn, with y kept in registers across the rows.
     */
    public static void axpyBlock(double[] alpha, double[] x, int m, int width, double[] y, int yOff) {
        if (VECTOR) VectorKernels.axpyBlock(alpha, x, m, width, y, yOff);
        else axpyBlockScalar(alpha, x, m, width, y, yOff, 0);
    }

    static void axpyBlockScalar(double[] alpha, double[] x, int m, int width, double[] y, int yOff, int from) {
        for (int j = from; j < width; j++) {
            double acc = y[yOff + j];
            for (int q = 0; q < m; q++) acc = Math.fma(alpha[q], x[q * width + j], acc);
            y[yOff + j] = acc;
        }
    }

    /**
     * Sum of a[aOff + j] b[bOff + j] for j < len, in four interleaved partial sums (element j goes to sum j mod 4)
     * added as (s0 + s1) + (s2 + s3): a fixed order, scalar on every path.
     */
    public static double dot(double[] a, int aOff, double[] b, int bOff, int len) {
        double s0 = 0.0;
        double s1 = 0.0;
        double s2 = 0.0;
        double s3 = 0.0;
        int j = 0;
        for (; j + 4 <= len; j += 4) {
            s0 = Math.fma(a[aOff + j], b[bOff + j], s0);
            s1 = Math.fma(a[aOff + j + 1], b[bOff + j + 1], s1);
            s2 = Math.fma(a[aOff + j + 2], b[bOff + j + 2], s2);
            s3 = Math.fma(a[aOff + j + 3], b[bOff + j + 3], s3);
        }
        for (; j < len; j++) s0 = Math.fma(a[aOff + j], b[bOff + j], s0);
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * Transpose of a rows x cols row-major matrix into out (cols x rows), in tiles of eight rows so that both the
     * reads and the writes stay within a few cache lines (a plain double loop strides one of them by a whole row).
     */
    public static void transpose(double[] a, int aOff, int rows, int cols, double[] out, int outOff) {
        int i = 0;
        for (; i + 8 <= rows; i += 8) {
            for (int c = 0; c < cols; c++) {
                int o = outOff + c * rows + i;
                int src = aOff + i * cols + c;
                for (int t = 0; t < 8; t++) out[o + t] = a[src + t * cols];
            }
        }
        for (; i < rows; i++) {
            for (int c = 0; c < cols; c++) out[outOff + c * rows + i] = a[aOff + i * cols + c];
        }
    }

    // ---- dense layer: wt is the n x width transposed weight matrix (wt[k * width + j] = W[j][k]) ---------

    /**
     * Forward product for four examples at once: out[q * width + j] = sum_k x[o_q + k] wt[k * width + j] for
     * q = 0..3, accumulated as an fma chain over k = 0..n-1 from 0 (so each example's result does not depend on
     * which other examples share its block).
     */
    public static void forward4(double[] wt, int width, int n, double[] x, int o0, int o1, int o2, int o3,
                                double[] out, int outOff) {
        if (VECTOR) VectorKernels.forward4(wt, width, n, x, o0, o1, o2, o3, out, outOff);
        else forward4Scalar(wt, width, n, x, o0, o1, o2, o3, out, outOff);
    }

    static void forward4Scalar(double[] wt, int width, int n, double[] x, int o0, int o1, int o2, int o3,
                               double[] out, int outOff) {
        forward4Scalar(wt, width, n, x, o0, o1, o2, o3, out, outOff, 0);
    }

    /** The scalar definition, for the columns j >= from. */
    static void forward4Scalar(double[] wt, int width, int n, double[] x, int o0, int o1, int o2, int o3,
                               double[] out, int outOff, int from) {
        for (int j = from; j < width; j++) {
            double a0 = 0.0;
            double a1 = 0.0;
            double a2 = 0.0;
            double a3 = 0.0;
            for (int k = 0; k < n; k++) {
                double w = wt[k * width + j];
                a0 = Math.fma(x[o0 + k], w, a0);
                a1 = Math.fma(x[o1 + k], w, a1);
                a2 = Math.fma(x[o2 + k], w, a2);
                a3 = Math.fma(x[o3 + k], w, a3);
            }
            out[outOff + j] = a0;
            out[outOff + width + j] = a1;
            out[outOff + 2 * width + j] = a2;
            out[outOff + 3 * width + j] = a3;
        }
    }

    /** {@link #forward4} for one example: out[outOff + j] = sum_k x[o0 + k] wt[k * width + j]. */
    public static void forward1(double[] wt, int width, int n, double[] x, int o0, double[] out, int outOff) {
        if (VECTOR) VectorKernels.forward1(wt, width, n, x, o0, out, outOff);
        else forward1Scalar(wt, width, n, x, o0, out, outOff);
    }

    static void forward1Scalar(double[] wt, int width, int n, double[] x, int o0, double[] out, int outOff) {
        forward1Scalar(wt, width, n, x, o0, out, outOff, 0);
    }

    /** The scalar definition, for the columns j >= from. */
    static void forward1Scalar(double[] wt, int width, int n, double[] x, int o0, double[] out, int outOff,
                               int from) {
        for (int j = from; j < width; j++) {
            double a0 = 0.0;
            for (int k = 0; k < n; k++) a0 = Math.fma(x[o0 + k], wt[k * width + j], a0);
            out[outOff + j] = a0;
        }
    }

    /**
     * Gradient of the dense layer for a block of m examples: gwt[k * width + j] += back[q * width + j] x[offs[q] + k]
     * for q = 0..m-1, one fma per example in the order q = 0, 1, ..., so the result does not depend on how the
     * examples are cut into blocks (a block of m equals m blocks of one).
     */
    public static void backwardBlock(double[] gwt, int width, int n, double[] x, int[] offs, int m, double[] back) {
        if (VECTOR) VectorKernels.backwardBlock(gwt, width, n, x, offs, m, back);
        else backwardBlockScalar(gwt, width, n, x, offs, m, back, 0);
    }

    /** The scalar definition, for the columns j >= from. */
    static void backwardBlockScalar(double[] gwt, int width, int n, double[] x, int[] offs, int m, double[] back,
                                    int from) {
        for (int k = 0; k < n; k++) {
            int row = k * width;
            for (int j = from; j < width; j++) {
                double g = gwt[row + j];
                for (int q = 0; q < m; q++) g = Math.fma(back[q * width + j], x[offs[q] + k], g);
                gwt[row + j] = g;
            }
        }
    }
}
