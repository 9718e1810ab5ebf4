package org.calorimeter.core.exact;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.calorimeter.core.model.Dataset;

/**
 * Linear regression (no bias) with an untempered Gaussian prior N(0, s^2 I): in the eigenbasis of X^T X (eigenvalues
 * h_i, least-squares weights w_i), with r_i = h_i s^2 / (h_i s^2 + T),
 * C(T) = sum_i [ r_i^2 / 2 + h_i r_i (1 - r_i)^2 w_i^2 / T ]. A flat prior (s = infinity) gives r_i = 1 and C = d/2.
 */
public final class LinearGaussianExact {
    private LinearGaussianExact() {}

    /**
     * KL(p_T || prior) for one data set, with a Gaussian prior of width {@code sigma}: per eigen-direction the
     * posterior is N(r w, s^2 (1 - r)) against N(0, s^2), so KL = sum_i [ -r_i - ln(1 - r_i) + r_i^2 w_i^2 / s^2 ] / 2.
     */
    public static double klFromPrior(Dataset data, double sigma, double temperature) {
        double[][] hw = eigen(data);
        double kl = 0;
        for (double[] e : hw) {
            double r = e[0] * sigma * sigma / (e[0] * sigma * sigma + temperature);
            kl += (-r - Math.log1p(-r) + r * r * e[1] * e[1] / (sigma * sigma)) / 2;
        }
        return kl;
    }

    /**
     * The Fisher information of p_T, exactly: U = E/T + |theta|^2 / (2 s^2) has the constant Hessian X^T X / T + I / s^2,
     * so I's eigenvalues are h_i / T + 1/s^2. Returns {trace, largest eigenvalue, d_eff = sum_i (h_i/T) / (h_i/T +
     * 1/s^2)} ({@code sigma} = +infinity: a flat prior, d_eff NaN).
     */
    public static double[] fisher(Dataset data, double sigma, double temperature) {
        double alpha = Double.isInfinite(sigma) ? 0.0 : 1.0 / (sigma * sigma);
        double trace = 0;
        double top = Double.NEGATIVE_INFINITY;
        double eff = 0;
        for (double[] e : eigen(data)) {
            double lambda = e[0] / temperature;
            trace += lambda + alpha;
            top = Math.max(top, lambda + alpha);
            eff += lambda / (lambda + alpha);
        }
        return new double[] {trace, top, alpha > 0 ? eff : Double.NaN};
    }

    /** Eigenvalues h_i of X^T X with the least-squares weights w_i in that basis: rows {h_i, w_i}. */
    static double[][] eigen(Dataset data) {
        int n = data.inputDim();
        double[][] a = new double[n][n];
        double[] b = new double[n];
        for (int i = 0; i < data.size(); i++) {
            for (int j = 0; j < n; j++) {
                double xj = data.inputs()[i * n + j];
                b[j] += xj * data.labels()[i];
                for (int k = 0; k < n; k++) a[j][k] += xj * data.inputs()[i * n + k];
            }
        }
        EigenDecomposition eig = new EigenDecomposition(new Array2DRowRealMatrix(a));
        RealMatrix v = eig.getV();
        double[][] out = new double[n][2];
        for (int k = 0; k < n; k++) {
            double h = eig.getRealEigenvalue(k);
            double proj = 0;
            for (int j = 0; j < n; j++) proj += v.getEntry(j, k) * b[j];
            out[k][0] = h;
            out[k][1] = proj / h;
        }
        return out;
    }

    /** The closed form for one data set; {@code sigma} = +infinity for a flat prior. */
    public static double heatCapacity(Dataset data, double sigma, double temperature) {
        int n = data.inputDim();
        if (Double.isInfinite(sigma)) return n / 2.0;
        double c = 0;
        for (double[] e : eigen(data)) {
            double h = e[0];
            double w = e[1];
            double r = h * sigma * sigma / (h * sigma * sigma + temperature);
            c += r * r / 2 + h * r * (1 - r) * (1 - r) * w * w / temperature;
        }
        return c;
    }
}
