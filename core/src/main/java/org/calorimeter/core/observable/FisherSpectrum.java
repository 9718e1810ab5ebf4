package org.calorimeter.core.observable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.calorimeter.core.estimator.Estimate;

/**
 * The spectrum of the Fisher information of p_T, I = &lt;grad^2 U&gt; = &lt;grad U grad U^T&gt; with U = E/T - log pi
 * (the two are equal under p ~ exp(-U)):
 * <ul>
 *   <li>its top k eigenvalues from the Hessians of U at points sampled by independent groups (the chains of a cell),
 *       the Hessian form, which works at any d;</li>
 *   <li>the effective dimension d_eff = sum_i lambda_i / (lambda_i + alpha), lambda_i the eigenvalues of the data part
 *       and alpha the prior's precision (a direction the data pin down counts 1, one the prior alone holds 0), from the
 *       score form &lt;grad U grad U^T&gt; over every sample of the recording's second half: d_eff needs the whole
 *       spectrum, and a handful of Hessians of a non-convex E is not positive definite where the true average is
 *       (measured on the quickstart: 8 Hessian points left d_eff NaN or negative at half the N = 16 cells).</li>
 * </ul>
 *
 * <p>Hessian-vector products are central differences of grad U, (grad U(p + eps v) - grad U(p - eps v)) / (2 eps) with
 * eps = 1e-5 max(1, |p|_inf) and |v| = 1: the truncation error is O(eps^2 |d^3 U|), about 1e-10 relative, and the
 * rounding error about 1e-16 |grad U| / eps, both far below the sampling error. For d &lt;= {@value #LANCZOS_STEPS} the
 * Hessian is formed in full (d products per point) and diagonalised; the errors are the jackknife over groups (leave
 * one chain out, each eigenvalue to first order). Beyond, Lanczos with full reorthogonalisation ({@value #LANCZOS_STEPS} steps) on the averaged
 * operator gives the top eigenvalues; their errors come from first-order perturbation theory, the spread over groups
 * of each Ritz vector's Rayleigh quotient, with the Ritz residual added. d_eff is computed up to {@value #DENSE_LIMIT} only,
 * and is NaN for a flat prior (alpha = 0: every direction counts 1).
 */
public final class FisherSpectrum {
    private FisherSpectrum() {}

    /** grad U at theta, written into g (overwritten). */
    public interface Gradient {
        void at(double[] theta, double[] g);
    }

    /** Largest d for which d_eff is computed: it needs the whole spectrum of the score's second moments (d x d). */
    public static final int DENSE_LIMIT = 256;
    /** Lanczos steps beyond the dense limit: the top few Ritz values of a spectrum like these converge well within. */
    public static final int LANCZOS_STEPS = 40;

    /**
     * The top {@code k} eigenvalues (descending) of the averaged Hessian of U. {@code groups[g]} holds the points of
     * independent group g (a chain); with one group its points are the groups. {@code rng} seeds Lanczos's start.
     */
    public static List<Estimate> top(Gradient gradient, double[][][] groups, int k, SplittableRandom rng) {
        double[][][] g = groups;
        if (g.length == 1) {
            g = new double[g[0].length][][];
            for (int j = 0; j < g.length; j++) g[j] = new double[][] {groups[0][j]};
        }
        int d = g[0][0].length;
        if (k > d) throw new IllegalArgumentException("top eigenvalues beyond the dimension: " + k + " > " + d);
        // Beyond LANCZOS_STEPS the full Hessian (2d gradients a point) costs more than Lanczos (2 per step and point):
        // at d = 144 on the quickstart, 2304 gradients a cell against 640.
        return d <= LANCZOS_STEPS ? dense(gradient, g, k) : lanczos(gradient, g, k, rng);
    }

    // Dense: the averaged Hessian of each group, then the jackknife over groups.

    static List<Estimate> dense(Gradient gradient, double[][][] groups, int k) {
        int n = groups.length;
        int d = groups[0][0].length;
        double[][][] h = new double[n][][];
        for (int c = 0; c < n; c++) {
            h[c] = new double[d][d];
            for (double[] p : groups[c]) addHessian(gradient, p, h[c], 1.0 / groups[c].length);
        }
        // One diagonalisation of the average; each leave-one-out eigenvalue to first order is the Rayleigh quotient of
        // the full eigenvector with the leave-one-out matrix (9 full diagonalisations per cell cost as much as the
        // sampling at d = 144 on the quickstart).
        double[][] all = new double[d][d];
        for (double[][] g : h) for (int i = 0; i < d; i++) for (int j = 0; j < d; j++) all[i][j] += g[i][j] / n;
        if (!finite(all)) return nan(k);
        EigenDecomposition eig;
        try {
            eig = new EigenDecomposition(new Array2DRowRealMatrix(all, false));
        } catch (org.apache.commons.math3.exception.MathIllegalStateException e) {
            return nan(k);
        }
        double[] mu = eig.getRealEigenvalues();
        Integer[] order = new Integer[d];
        for (int i = 0; i < d; i++) order[i] = i;
        java.util.Arrays.sort(order, (a, b) -> Double.compare(mu[b], mu[a]));
        List<Estimate> top = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            double[] y = eig.getEigenvector(order[j]).toArray();
            double[][] leave = new double[n][1];
            if (n > 1) {
                double[] rq = new double[n];
                double sum = 0;
                for (int c = 0; c < n; c++) {
                    rq[c] = quadratic(h[c], y);
                    sum += rq[c];
                }
                for (int c = 0; c < n; c++) leave[c][0] = (sum - rq[c]) / (n - 1);
            }
            double err = n > 1 ? jackknife(leave, 0) : Double.NaN;
            top.add(new Estimate(mu[order[j]], withFloor(err, mu[order[j]])));
        }
        return top;
    }

    /** y^T a y. */
    static double quadratic(double[][] a, double[] y) {
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            double r = 0;
            for (int j = 0; j < y.length; j++) r += a[i][j] * y[j];
            s += y[i] * r;
        }
        return s;
    }

    static boolean finite(double[][] a) {
        for (double[] row : a) for (double v : row) if (!Double.isFinite(v)) return false;
        return true;
    }

    static List<Estimate> nan(int k) {
        List<Estimate> out = new ArrayList<>();
        for (int j = 0; j < k; j++) out.add(Estimate.NONE);
        return out;
    }

    /**
     * d_eff with its jackknife error from the score's second moments of independent groups ({@code groups[g]} =
     * &lt;grad V grad V^T&gt; of group g, equally weighted, V the potential sampled); {@code shift} is what V adds to
     * U's Hessian (gamma, with localisation), subtracted from every eigenvalue. NaN for alpha = 0 or an eigenvalue of I
     * that is not positive.
     */
    public static Estimate effectiveDimension(double[][][] groups, double alpha, double shift) {
        // sum_i (mu_i - alpha) / mu_i = d - alpha Tr(M^-1), M = G - shift I: a Cholesky factorisation per jackknife
        // sample instead of a diagonalisation (33 of them per cell), and M not positive definite gives NaN.
        return jackknife(groups, m -> new double[] {effectiveDimensionOf(m, alpha, shift)}).get(0);
    }

    /** d - alpha Tr((m - shift I)^-1) by Cholesky; NaN for alpha = 0, a non-finite m or m - shift I not positive definite. */
    static double effectiveDimensionOf(double[][] m, double alpha, double shift) {
        if (!(alpha > 0) || !finite(m)) return Double.NaN;
        int d = m.length;
        double[][] a = new double[d][];
        for (int i = 0; i < d; i++) {
            a[i] = m[i].clone();
            a[i][i] -= shift;
        }
        // In-place Cholesky, lower triangle.
        for (int j = 0; j < d; j++) {
            double diag = a[j][j];
            for (int q = 0; q < j; q++) diag -= a[j][q] * a[j][q];
            if (!(diag > 0)) return Double.NaN;
            double ljj = Math.sqrt(diag);
            a[j][j] = ljj;
            for (int i = j + 1; i < d; i++) {
                double v = a[i][j];
                for (int q = 0; q < j; q++) v -= a[i][q] * a[j][q];
                a[i][j] = v / ljj;
            }
        }
        // Tr(M^-1) = |L^-1|_F^2: solve L x = e_k for each k (x_i = 0 for i < k).
        double trace = 0;
        double[] x = new double[d];
        for (int k = 0; k < d; k++) {
            for (int i = k; i < d; i++) {
                double v = i == k ? 1.0 : 0.0;
                for (int q = k; q < i; q++) v -= a[i][q] * x[q];
                x[i] = v / a[i][i];
                trace += x[i] * x[i];
            }
        }
        return d - alpha * trace;
    }

    /**
     * A statistic of the mean of n group matrices with its jackknife error over the groups (leave one out):
     * sqrt((n-1)/n sum (s_(-g) - mean)^2), floored at the central differences' relative error.
     */
    static List<Estimate> jackknife(double[][][] groups, java.util.function.Function<double[][], double[]> statistic) {
        int n = groups.length;
        int d = groups[0].length;
        double[][] all = new double[d][d];
        for (double[][] g : groups) for (int i = 0; i < d; i++) for (int j = 0; j < d; j++) all[i][j] += g[i][j] / n;
        double[] full = statistic.apply(all);
        double[][] leave = new double[n][];
        if (n > 1) {
            double[][] m = new double[d][d];
            for (int c = 0; c < n; c++) {
                for (int i = 0; i < d; i++) {
                    for (int j = 0; j < d; j++) m[i][j] = (n * all[i][j] - groups[c][i][j]) / (n - 1);
                }
                leave[c] = statistic.apply(m);
            }
        }
        List<Estimate> out = new ArrayList<>();
        for (int j = 0; j < full.length; j++) out.add(new Estimate(full[j], withFloor(jackknife(leave, j), full[j])));
        return out;
    }

    /**
     * Relative error floor of a value from central differences: their rounding is about 1e-16 |grad U| / eps = 1e-11
     * |grad U| (measured 1e-12 relative on the linear model, whose Hessian is constant so that the jackknife gives 0);
     * 1e-8 bounds it with room and is far below any sampling error.
     */
    static final double NUMERICAL = 1e-8;

    static double withFloor(double error, double value) {
        return Math.max(error, NUMERICAL * Math.abs(value));
    }

    /** sqrt((n-1)/n sum (x_c - mean)^2) over the leave-one-out values of statistic j; NaN with one group. */
    static double jackknife(double[][] leave, int j) {
        int n = leave.length;
        if (n < 2) return Double.NaN;
        double mean = 0;
        for (double[] l : leave) mean += l[j] / n;
        double s = 0;
        for (double[] l : leave) s += (l[j] - mean) * (l[j] - mean);
        return Math.sqrt((n - 1.0) / n * s);
    }

    /** Adds w times the Hessian of U at p (symmetrised) into h, one central difference per coordinate. */
    static void addHessian(Gradient gradient, double[] p, double[][] h, double w) {
        int d = p.length;
        double[] e = new double[d];
        double[] col = new double[d];
        Product product = new Product(gradient, d);
        for (int j = 0; j < d; j++) {
            e[j] = 1.0;
            product.apply(p, e, col);
            e[j] = 0.0;
            for (int i = 0; i < d; i++) {
                h[i][j] += 0.5 * w * col[i];
                h[j][i] += 0.5 * w * col[i];
            }
        }
    }

    /** Hessian-vector products of U by central differences of grad U, with its scratch buffers. */
    static final class Product {
        final Gradient gradient;
        final double[] x;
        final double[] plus;
        final double[] minus;

        Product(Gradient gradient, int d) {
            this.gradient = gradient;
            x = new double[d];
            plus = new double[d];
            minus = new double[d];
        }

        /** out = H(p) v for a unit vector v. */
        void apply(double[] p, double[] v, double[] out) {
            double scale = 1.0;
            for (double q : p) scale = Math.max(scale, Math.abs(q));
            double eps = 1e-5 * scale;
            for (int i = 0; i < p.length; i++) x[i] = p[i] + eps * v[i];
            gradient.at(x, plus);
            for (int i = 0; i < p.length; i++) x[i] = p[i] - eps * v[i];
            gradient.at(x, minus);
            for (int i = 0; i < p.length; i++) out[i] = (plus[i] - minus[i]) / (2 * eps);
        }

        /** out = (1/|points|) sum over points of H(p) v. */
        void average(double[][] points, double[] v, double[] out, double[] scratch) {
            Arrays.fill(out, 0.0);
            for (double[] p : points) {
                apply(p, v, scratch);
                for (int i = 0; i < out.length; i++) out[i] += scratch[i] / points.length;
            }
        }
    }

    // Lanczos on the operator averaged over every point.

    static List<Estimate> lanczos(Gradient gradient, double[][][] groups, int k, SplittableRandom rng) {
        int d = groups[0][0].length;
        List<double[]> pts = new ArrayList<>();
        for (double[][] g : groups) pts.addAll(Arrays.asList(g));
        double[][] points = pts.toArray(new double[0][]);
        Product product = new Product(gradient, d);
        double[] scratch = new double[d];
        int m = Math.min(d, LANCZOS_STEPS);
        double[][] q = new double[m][];
        double[] alpha = new double[m];
        double[] beta = new double[m];
        double[] v = new double[d];
        for (int i = 0; i < d; i++) v[i] = rng.nextBoolean() ? 1.0 : -1.0;
        scale(v, 1.0 / norm(v));
        double[] w = new double[d];
        int steps = 0;
        for (int j = 0; j < m; j++) {
            q[j] = v.clone();
            product.average(points, q[j], w, scratch);
            alpha[j] = dot(w, q[j]);
            // Full reorthogonalisation, twice (Kahan's "twice is enough").
            for (int pass = 0; pass < 2; pass++) {
                for (int i = 0; i <= j; i++) {
                    double c = dot(w, q[i]);
                    for (int t = 0; t < d; t++) w[t] -= c * q[i][t];
                }
            }
            steps = j + 1;
            beta[j] = norm(w);
            if (beta[j] <= 1e-12 * Math.abs(alpha[j]) || j == m - 1) break;
            for (int t = 0; t < d; t++) v[t] = w[t] / beta[j];
        }
        for (int j = 0; j < steps; j++) {
            if (!Double.isFinite(alpha[j]) || !Double.isFinite(beta[j])) {
                List<Estimate> nan = new ArrayList<>();
                for (int i = 0; i < k; i++) nan.add(Estimate.NONE);
                return nan;
            }
        }
        EigenDecomposition tri = new EigenDecomposition(Arrays.copyOf(alpha, steps), Arrays.copyOf(beta, steps - 1));
        double[] theta = tri.getRealEigenvalues();
        Integer[] order = new Integer[steps];
        for (int i = 0; i < steps; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Double.compare(theta[b], theta[a]));
        List<Estimate> top = new ArrayList<>();
        double[] av = new double[d];
        for (int j = 0; j < k; j++) {
            int o = order[Math.min(j, steps - 1)];
            double[] s = tri.getEigenvector(o).toArray();
            double[] y = new double[d];
            for (int i = 0; i < steps; i++) for (int t = 0; t < d; t++) y[t] += s[i] * q[i][t];
            scale(y, 1.0 / norm(y));
            double residual = Math.abs(beta[steps - 1] * s[steps - 1]);
            double[] rq = new double[groups.length];
            for (int g = 0; g < groups.length; g++) {
                product.average(groups[g], y, av, scratch);
                rq[g] = dot(y, av);
            }
            double mean = 0;
            for (double r : rq) mean += r / rq.length;
            double ss = 0;
            for (double r : rq) ss += (r - mean) * (r - mean);
            double spread = rq.length > 1 ? Math.sqrt(ss / (rq.length - 1) / rq.length) : Double.NaN;
            top.add(new Estimate(theta[o], withFloor(Math.hypot(spread, residual), theta[o])));
        }
        return top;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    static void scale(double[] a, double c) {
        for (int i = 0; i < a.length; i++) a[i] *= c;
    }
}
