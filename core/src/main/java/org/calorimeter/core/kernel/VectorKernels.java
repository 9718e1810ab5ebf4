package org.calorimeter.core.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD versions of {@link Kernels}' loops (the incubating Vector API, preferred species of this CPU). Each method
 * applies, lane by lane, exactly the operations of its scalar twin, and finishes the tail with that twin, so the
 * results are bitwise the same; only loaded when {@code jdk.incubator.vector} is resolved.
 */
final class VectorKernels {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private VectorKernels() {
    }

    static int lanes() {
        return L;
    }

    static void tanhScaled(double[] a, int from, int to, double scale) {
        int i = from;
        int upper = from + S.loopBound(to - from);
        DoubleVector one = DoubleVector.broadcast(S, 1.0);
        for (; i < upper; i += L) {
            DoubleVector z = DoubleVector.fromArray(S, a, i).mul(scale);
            DoubleVector x = z.abs().min(Kernels.CLAMP).mul(-2.0);
            DoubleVector t = x.mul(Kernels.LOG2E).add(Kernels.ROUND);
            DoubleVector k = t.sub(Kernels.ROUND);
            DoubleVector mk = k.neg();
            DoubleVector r = mk.fma(DoubleVector.broadcast(S, Kernels.LN2_LO),
                    mk.fma(DoubleVector.broadcast(S, Kernels.LN2_HI), x));
            DoubleVector r2 = r.mul(r);
            DoubleVector r4 = r2.mul(r2);
            DoubleVector r8 = r4.mul(r4);
            DoubleVector q0 = c(Kernels.E1).fma(r, c(Kernels.E0));
            DoubleVector q1 = c(Kernels.E3).fma(r, c(Kernels.E2));
            DoubleVector q2 = c(Kernels.E5).fma(r, c(Kernels.E4));
            DoubleVector q3 = c(Kernels.E7).fma(r, c(Kernels.E6));
            DoubleVector q4 = c(Kernels.E9).fma(r, c(Kernels.E8));
            DoubleVector q5 = c(Kernels.E11).fma(r, c(Kernels.E10));
            DoubleVector q6 = c(Kernels.E13).fma(r, c(Kernels.E12));
            DoubleVector s0 = q1.fma(r2, q0);
            DoubleVector s1 = q3.fma(r2, q2);
            DoubleVector s2 = q5.fma(r2, q4);
            DoubleVector u0 = s1.fma(r4, s0);
            DoubleVector u1 = q6.fma(r4, s2);
            DoubleVector p = u1.fma(r8, u0);
            LongVector bits = ((LongVector) t.reinterpretAsLongs()).sub(Kernels.ROUND_BITS - 1023L)
                    .lanewise(VectorOperators.LSHL, 52);
            DoubleVector e = p.mul((DoubleVector) bits.reinterpretAsDoubles());
            DoubleVector th = one.sub(e).div(one.add(e));
            th = th.blend(th.neg(), z.compare(VectorOperators.LT, 0.0));
            th.intoArray(a, i);
        }
        Kernels.tanhScaledScalar(a, i, to, scale);
    }

    private static DoubleVector c(double value) {
        return DoubleVector.broadcast(S, value);
    }

    static void tanhBack(double[] a, int off, double[] v, int vOff, int len, double c) {
        int j = 0;
        int upper = S.loopBound(len);
        DoubleVector one = DoubleVector.broadcast(S, 1.0);
        for (; j < upper; j += L) {
            DoubleVector t = DoubleVector.fromArray(S, a, off + j);
            DoubleVector cv = DoubleVector.fromArray(S, v, vOff + j).mul(c);   // c * v, as the scalar (c * v[j])
            cv.mul(t.neg().fma(t, one)).intoArray(a, off + j);
        }
        Kernels.tanhBackScalar(a, off + j, v, vOff + j, len - j, c);
    }

    static void axpyBlock(double[] alpha, double[] x, int m, int width, double[] y, int yOff) {
        int j = 0;
        int upper = S.loopBound(width);
        for (; j < upper; j += L) {
            DoubleVector acc = DoubleVector.fromArray(S, y, yOff + j);
            for (int q = 0; q < m; q++) {
                acc = DoubleVector.broadcast(S, alpha[q]).fma(DoubleVector.fromArray(S, x, q * width + j), acc);
            }
            acc.intoArray(y, yOff + j);
        }
        Kernels.axpyBlockScalar(alpha, x, m, width, y, yOff, j);
    }

    static void forward4(double[] wt, int width, int n, double[] x, int o0, int o1, int o2, int o3, double[] out,
                         int outOff) {
        int j = 0;
        int upper = S.loopBound(width);
        // two column chunks at once: eight independent fma chains hide the fma latency
        for (; j + 2 * L <= upper; j += 2 * L) {
            DoubleVector a0 = DoubleVector.zero(S);
            DoubleVector a1 = a0;
            DoubleVector a2 = a0;
            DoubleVector a3 = a0;
            DoubleVector c0 = a0;
            DoubleVector c1 = a0;
            DoubleVector c2 = a0;
            DoubleVector c3 = a0;
            for (int k = 0; k < n; k++) {
                DoubleVector w = DoubleVector.fromArray(S, wt, k * width + j);
                DoubleVector u = DoubleVector.fromArray(S, wt, k * width + j + L);
                DoubleVector x0 = DoubleVector.broadcast(S, x[o0 + k]);
                DoubleVector x1 = DoubleVector.broadcast(S, x[o1 + k]);
                DoubleVector x2 = DoubleVector.broadcast(S, x[o2 + k]);
                DoubleVector x3 = DoubleVector.broadcast(S, x[o3 + k]);
                a0 = x0.fma(w, a0);
                a1 = x1.fma(w, a1);
                a2 = x2.fma(w, a2);
                a3 = x3.fma(w, a3);
                c0 = x0.fma(u, c0);
                c1 = x1.fma(u, c1);
                c2 = x2.fma(u, c2);
                c3 = x3.fma(u, c3);
            }
            a0.intoArray(out, outOff + j);
            a1.intoArray(out, outOff + width + j);
            a2.intoArray(out, outOff + 2 * width + j);
            a3.intoArray(out, outOff + 3 * width + j);
            c0.intoArray(out, outOff + j + L);
            c1.intoArray(out, outOff + width + j + L);
            c2.intoArray(out, outOff + 2 * width + j + L);
            c3.intoArray(out, outOff + 3 * width + j + L);
        }
        for (; j < upper; j += L) {
            DoubleVector a0 = DoubleVector.zero(S);
            DoubleVector a1 = a0;
            DoubleVector a2 = a0;
            DoubleVector a3 = a0;
            for (int k = 0; k < n; k++) {
                DoubleVector w = DoubleVector.fromArray(S, wt, k * width + j);
                a0 = DoubleVector.broadcast(S, x[o0 + k]).fma(w, a0);
                a1 = DoubleVector.broadcast(S, x[o1 + k]).fma(w, a1);
                a2 = DoubleVector.broadcast(S, x[o2 + k]).fma(w, a2);
                a3 = DoubleVector.broadcast(S, x[o3 + k]).fma(w, a3);
            }
            a0.intoArray(out, outOff + j);
            a1.intoArray(out, outOff + width + j);
            a2.intoArray(out, outOff + 2 * width + j);
            a3.intoArray(out, outOff + 3 * width + j);
        }
        Kernels.forward4Scalar(wt, width, n, x, o0, o1, o2, o3, out, outOff, j);
    }

    static void forward1(double[] wt, int width, int n, double[] x, int o0, double[] out, int outOff) {
        int j = 0;
        int upper = S.loopBound(width);
        for (; j < upper; j += L) {
            DoubleVector a0 = DoubleVector.zero(S);
            for (int k = 0; k < n; k++) {
                a0 = DoubleVector.broadcast(S, x[o0 + k]).fma(DoubleVector.fromArray(S, wt, k * width + j), a0);
            }
            a0.intoArray(out, outOff + j);
        }
        Kernels.forward1Scalar(wt, width, n, x, o0, out, outOff, j);
    }

    /**
     * Four rows k..k+3 of a column chunk accumulate in registers over the block's examples (the example's back-signal
     * is loaded once for the four), so gwt is read and written once per block instead of once per example.
     */
    static void backwardBlock(double[] gwt, int width, int n, double[] x, int[] offs, int m, double[] back) {
        int j = 0;
        int upper = S.loopBound(width);
        for (; j + 2 * L <= upper; j += 2 * L) {
            int k = 0;
            for (; k + 4 <= n; k += 4) {
                int at = k * width + j;
                DoubleVector g0 = DoubleVector.fromArray(S, gwt, at);
                DoubleVector g1 = DoubleVector.fromArray(S, gwt, at + width);
                DoubleVector g2 = DoubleVector.fromArray(S, gwt, at + 2 * width);
                DoubleVector g3 = DoubleVector.fromArray(S, gwt, at + 3 * width);
                DoubleVector h0 = DoubleVector.fromArray(S, gwt, at + L);
                DoubleVector h1 = DoubleVector.fromArray(S, gwt, at + width + L);
                DoubleVector h2 = DoubleVector.fromArray(S, gwt, at + 2 * width + L);
                DoubleVector h3 = DoubleVector.fromArray(S, gwt, at + 3 * width + L);
                for (int q = 0; q < m; q++) {
                    DoubleVector b = DoubleVector.fromArray(S, back, q * width + j);
                    DoubleVector c = DoubleVector.fromArray(S, back, q * width + j + L);
                    int o = offs[q] + k;
                    DoubleVector x0 = DoubleVector.broadcast(S, x[o]);
                    DoubleVector x1 = DoubleVector.broadcast(S, x[o + 1]);
                    DoubleVector x2 = DoubleVector.broadcast(S, x[o + 2]);
                    DoubleVector x3 = DoubleVector.broadcast(S, x[o + 3]);
                    g0 = b.fma(x0, g0);
                    g1 = b.fma(x1, g1);
                    g2 = b.fma(x2, g2);
                    g3 = b.fma(x3, g3);
                    h0 = c.fma(x0, h0);
                    h1 = c.fma(x1, h1);
                    h2 = c.fma(x2, h2);
                    h3 = c.fma(x3, h3);
                }
                g0.intoArray(gwt, at);
                g1.intoArray(gwt, at + width);
                g2.intoArray(gwt, at + 2 * width);
                g3.intoArray(gwt, at + 3 * width);
                h0.intoArray(gwt, at + L);
                h1.intoArray(gwt, at + width + L);
                h2.intoArray(gwt, at + 2 * width + L);
                h3.intoArray(gwt, at + 3 * width + L);
            }
            for (; k < n; k++) {
                int at = k * width + j;
                DoubleVector g = DoubleVector.fromArray(S, gwt, at);
                DoubleVector h = DoubleVector.fromArray(S, gwt, at + L);
                for (int q = 0; q < m; q++) {
                    DoubleVector xk = DoubleVector.broadcast(S, x[offs[q] + k]);
                    g = DoubleVector.fromArray(S, back, q * width + j).fma(xk, g);
                    h = DoubleVector.fromArray(S, back, q * width + j + L).fma(xk, h);
                }
                g.intoArray(gwt, at);
                h.intoArray(gwt, at + L);
            }
        }
        for (; j < upper; j += L) {
            int k = 0;
            for (; k + 4 <= n; k += 4) {
                int at = k * width + j;
                DoubleVector g0 = DoubleVector.fromArray(S, gwt, at);
                DoubleVector g1 = DoubleVector.fromArray(S, gwt, at + width);
                DoubleVector g2 = DoubleVector.fromArray(S, gwt, at + 2 * width);
                DoubleVector g3 = DoubleVector.fromArray(S, gwt, at + 3 * width);
                for (int q = 0; q < m; q++) {
                    DoubleVector b = DoubleVector.fromArray(S, back, q * width + j);
                    int o = offs[q] + k;
                    g0 = b.fma(DoubleVector.broadcast(S, x[o]), g0);
                    g1 = b.fma(DoubleVector.broadcast(S, x[o + 1]), g1);
                    g2 = b.fma(DoubleVector.broadcast(S, x[o + 2]), g2);
                    g3 = b.fma(DoubleVector.broadcast(S, x[o + 3]), g3);
                }
                g0.intoArray(gwt, at);
                g1.intoArray(gwt, at + width);
                g2.intoArray(gwt, at + 2 * width);
                g3.intoArray(gwt, at + 3 * width);
            }
            for (; k < n; k++) {
                int at = k * width + j;
                DoubleVector g = DoubleVector.fromArray(S, gwt, at);
                for (int q = 0; q < m; q++) {
                    g = DoubleVector.fromArray(S, back, q * width + j).fma(DoubleVector.broadcast(S, x[offs[q] + k]), g);
                }
                g.intoArray(gwt, at);
            }
        }
        Kernels.backwardBlockScalar(gwt, width, n, x, offs, m, back, j);
    }
}
