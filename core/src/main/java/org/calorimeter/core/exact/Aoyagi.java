package org.calorimeter.core.exact;

/**
 * Learning coefficients (real log canonical thresholds) lambda of linear networks, where the posterior's free energy
 * grows as lambda log n instead of the regular d/2 log n.
 */
public final class Aoyagi {
    private Aoyagi() {}

    /**
     * Reduced-rank regression y = B A x (A: H x M, B: N x H) learning a rank-r teacher, from Aoyagi and Watanabe (2005),
     * Theorem 1: with M inputs, N outputs, H hidden units and r <= min(M, N, H),
     * <ul>
     *   <li>N + r <= M + H, M + r <= N + H, H + r <= M + N: lambda = [2(H + r)(M + N) - (M - N)^2 - (H + r)^2] / 8,
     *       plus 1/8 when M + H + N + r is odd;</li>
     *   <li>M + H < N + r: lambda = (HM - Hr + Nr) / 2;</li>
     *   <li>N + H < M + r: lambda = (HN - Hr + Mr) / 2;</li>
     *   <li>M + N < H + r: lambda = MN / 2.</li>
     * </ul>
     */
    public static double reducedRank(int m, int h, int n, int r) {
        if (r < 0 || r > Math.min(m, Math.min(n, h))) {
            throw new IllegalArgumentException("teacher rank " + r + " must lie in [0, min(M, N, H)] = [0, "
                    + Math.min(m, Math.min(n, h)) + "]");
        }
        if (m + h < n + r) return (h * m - h * r + n * r) / 2.0;
        if (n + h < m + r) return (h * n - h * r + m * r) / 2.0;
        if (m + n < h + r) return m * n / 2.0;
        double lambda = (2.0 * (h + r) * (m + n) - (double) (m - n) * (m - n) - (double) (h + r) * (h + r)) / 8.0;
        if ((m + h + n + r) % 2 == 1) lambda += 1.0 / 8.0;
        return lambda;
    }
}
