package org.calorimeter.core.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The SIMD kernels must give bitwise the scalar definitions' results (that is what keeps a cell reproducible
 * across CPUs and across JVMs with and without jdk.incubator.vector), on lengths that exercise the vector body,
 * the scalar tail and both together.
 */
class KernelsTest {
    private static final int[] LENGTHS = {1, 3, 7, 8, 9, 13, 16, 31, 33, 64, 100, 257};

    private static double[] gaussians(SplittableRandom r, int len, double sd) {
        double[] a = new double[len];
        for (int i = 0; i < len; i++) a[i] = sd * r.nextGaussian();
        return a;
    }

    @Test
    void vectorPathIsInUseUnderTheProjectJvmOptions() {
        // surefire's argLine is submit/java-options, which adds jdk.incubator.vector; without it this test would
        // silently compare the scalar path with itself.
        assertTrue(Kernels.VECTOR, "expected the SIMD kernels, got " + Kernels.describe());
    }

    @Test
    void tanhKernelEqualsScalarBitwise() {
        assumeTrue(Kernels.VECTOR);
        SplittableRandom r = new SplittableRandom(1);
        for (int len : LENGTHS) {
            double[] a = gaussians(r, len, 8.0);
            a[0] = -0.0;
            if (len > 2) {
                a[1] = 1e-300;
                a[2] = -25.0;
            }
            double[] v = a.clone();
            double[] s = a.clone();
            VectorKernels.tanhScaled(v, 0, len, 0.7);
            Kernels.tanhScaledScalar(s, 0, len, 0.7);
            assertArrayEquals(s, v, 0.0, "tanhScaled, length " + len);
            double[] w = gaussians(r, len, 1.0);
            VectorKernels.tanhBack(v, 0, w, 0, len, -1.3);
            Kernels.tanhBackScalar(s, 0, w, 0, len, -1.3);
            assertArrayEquals(s, v, 0.0, "tanhBack, length " + len);
        }
    }

    @Test
    void tanhIsAccurate() {
        // Reference StrictMath.tanh (fdlibm, < 1 ulp). The kernel's error is set by 1 - e and 1 + e near e = 1, i.e.
        // by ulp(1) = 2.2e-16; measured at most 3.3e-16 over 2e6 points. 4e-16 leaves that a small margin.
        SplittableRandom r = new SplittableRandom(2);
        double worst = 0.0;
        for (int i = 0; i < 200_000; i++) {
            double z = (r.nextDouble() - 0.5) * (i % 3 == 0 ? 0.01 : 50.0);
            worst = Math.max(worst, Math.abs(Kernels.tanh(z) - StrictMath.tanh(z)));
        }
        assertTrue(worst < 4e-16, "max |tanh error| " + worst);
        assertEquals(1.0, Kernels.tanh(1e9));
        assertEquals(-1.0, Kernels.tanh(-30.0));
        assertEquals(0.0, Kernels.tanh(0.0));
        assertTrue(Double.isNaN(Kernels.tanh(Double.NaN)));
    }

    @Test
    void denseKernelsEqualScalarBitwise() {
        assumeTrue(Kernels.VECTOR);
        SplittableRandom r = new SplittableRandom(3);
        int n = 15;   // 8 + 4 + 3: the eight-row, four-row and single-row paths of backwardBlock
        for (int width : LENGTHS) {
            double[] wt = gaussians(r, n * width, 1.0);
            double[] x = gaussians(r, 5 * n, 1.0);
            double[] v = new double[5 * width];
            double[] s = new double[5 * width];
            VectorKernels.forward4(wt, width, n, x, 0, 2 * n, n, 4 * n, v, width);
            Kernels.forward4Scalar(wt, width, n, x, 0, 2 * n, n, 4 * n, s, width);
            assertArrayEquals(s, v, 0.0, "forward4, width " + width);
            double[] s1 = new double[width + 2];
            Kernels.forward1Scalar(wt, width, n, x, 2 * n, s1, 2);
            double[] v1 = new double[width + 2];
            VectorKernels.forward1(wt, width, n, x, 2 * n, v1, 2);
            assertArrayEquals(s1, v1, 0.0, "forward1, width " + width);
            for (int j = 0; j < width; j++) {
                assertEquals(s[2 * width + j], s1[2 + j], 0.0, "an example's forward result does not depend on its block");
            }

            // five examples, one repeated
            int[] offs = {0, 2 * n, n, 4 * n, 2 * n};
            double[] back = gaussians(r, 5 * width, 1.0);
            double[] gv = gaussians(r, n * width, 1.0);
            double[] gs = gv.clone();
            double[] g1 = gv.clone();
            VectorKernels.backwardBlock(gv, width, n, x, offs, 5, back);
            Kernels.backwardBlockScalar(gs, width, n, x, offs, 5, back, 0);
            assertArrayEquals(gs, gv, 0.0, "backwardBlock, width " + width);
            double[] one = new double[width];
            for (int q = 0; q < 5; q++) {
                System.arraycopy(back, q * width, one, 0, width);
                VectorKernels.backwardBlock(g1, width, n, x, new int[] {offs[q]}, 1, one);
            }
            assertArrayEquals(gs, g1, 0.0, "a block of five equals five blocks of one, width " + width);

            double[] alpha = gaussians(r, 5, 1.0);
            double[] ya = gaussians(r, width + 2, 1.0);
            double[] yb = ya.clone();
            double[] yc = ya.clone();
            VectorKernels.axpyBlock(alpha, back, 5, width, ya, 2);
            Kernels.axpyBlockScalar(alpha, back, 5, width, yb, 2, 0);
            for (int q = 0; q < 5; q++) {
                for (int j = 0; j < width; j++) yc[2 + j] = Math.fma(alpha[q], back[q * width + j], yc[2 + j]);
            }
            assertArrayEquals(yb, ya, 0.0, "axpyBlock, width " + width);
            assertArrayEquals(yc, ya, 0.0, "axpyBlock equals one fma pass per row, width " + width);

        }
    }

    @Test
    void transposeMovesEveryElement() {
        for (int rows : new int[] {1, 7, 8, 17}) {
            for (int cols : new int[] {1, 5, 32}) {
                double[] a = new double[rows * cols + 2];
                for (int i = 0; i < a.length; i++) a[i] = i;
                double[] t = new double[rows * cols + 1];
                Kernels.transpose(a, 2, rows, cols, t, 1);
                for (int i = 0; i < rows; i++) {
                    for (int c = 0; c < cols; c++) {
                        assertEquals(a[2 + i * cols + c], t[1 + c * rows + i], 0.0, rows + "x" + cols);
                    }
                }
            }
        }
    }

    @Test
    void unknownKernelOptionIsNamed() {
        String old = System.getProperty(Kernels.PROPERTY);
        try {
            System.clearProperty(Kernels.PROPERTY);
            assertEquals(null, Kernels.optionError());
            System.setProperty(Kernels.PROPERTY, "scalar");
            assertEquals(null, Kernels.optionError());
            System.setProperty(Kernels.PROPERTY, "simd");
            String e = Kernels.optionError();
            assertTrue(e != null && e.contains("-Dcalorimeter.kernels") && e.contains("'simd'")
                    && e.contains("allowed: scalar"), e);
        } finally {
            if (old == null) System.clearProperty(Kernels.PROPERTY);
            else System.setProperty(Kernels.PROPERTY, old);
        }
    }

    @Test
    void dotHasItsWrittenOrder() {
        double[] a = {1e16, 1.0, -1e16, 1.0, 3.0};
        double[] b = {1.0, 1.0, 1.0, 1.0, 1.0};
        // partial sums s0 = 1e16 + 3, s1 = 1, s2 = -1e16, s3 = 1: (s0 + s1) + (s2 + s3) in double precision
        double s0 = Math.fma(3.0, 1.0, 1e16);
        assertEquals((s0 + 1.0) + (-1e16 + 1.0), Kernels.dot(a, 0, b, 0, 5), 0.0);
    }
}
