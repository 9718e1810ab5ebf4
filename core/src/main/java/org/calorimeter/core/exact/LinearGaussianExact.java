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

    /** The closed form for one data set; {@code sigma} = +infinity for a flat prior. */
    public static double heatCapacity(Dataset data, double sigma, double temperature) {
        int n = data.inputDim();
        if (Double.isInfinite(sigma)) return n / 2.0;
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
        double c = 0;
        for (int k = 0; k < n; k++) {
            double h = eig.getRealEigenvalue(k);
            double proj = 0;   // (V^T X^T y)_k = h_k * w_k
            for (int j = 0; j < n; j++) proj += v.getEntry(j, k) * b[j];
            double w = proj / h;
            double r = h * sigma * sigma / (h * sigma * sigma + temperature);
            c += r * r / 2 + h * r * (1 - r) * (1 - r) * w * w / temperature;
        }
        return c;
    }
}
