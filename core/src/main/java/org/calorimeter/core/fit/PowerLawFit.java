package org.calorimeter.core.fit;

import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.linear.DiagonalMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.util.Pair;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealVector;

/**
 * y = A x^b fitted as log y = log A + b log x by weighted least squares (Levenberg-Marquardt, Commons Math), with
 * weights 1/sigma_log^2, sigma_log = err_y / y. Standard errors come from the weighted covariance; when the fit
 * has degrees of freedom and chi^2/dof > 1 they are inflated by sqrt(chi^2/dof) (the PDG scale-factor rule), so a
 * poor fit widens its own interval. The 95% interval is estimate +- 1.96 standard errors.
 */
public final class PowerLawFit {
    static final double Z95 = 1.959963984540054;
    static final String SE_LABEL = "95% interval: estimate +- 1.96 standard errors";

    private PowerLawFit() {}

    public record Result(FitResult exponent, FitResult amplitude) {}

    public static Result fit(String kind, double[] x, double[] y, double[] err, Integer width, Integer dataSize) {
        String method = "weighted least squares on log y = log A + b log x (Levenberg-Marquardt)";
        int n = 0;
        for (int i = 0; i < x.length; i++) if (usable(x[i], y[i], err[i])) n++;
        if (n < 2) {
            String why = "needs at least 2 points with positive x, y and error, has " + n;
            return new Result(FitResult.failed(kind, width, dataSize, n, method, why),
                    FitResult.failed(kind + "_amplitude", width, dataSize, n, method, why));
        }
        double[] lx = new double[n];
        double[] ly = new double[n];
        double[] w = new double[n];
        for (int i = 0, j = 0; i < x.length; i++) {
            if (!usable(x[i], y[i], err[i])) continue;
            lx[j] = Math.log(x[i]);
            ly[j] = Math.log(y[i]);
            double s = err[i] / y[i];
            w[j] = 1.0 / (s * s);
            j++;
        }
        final double[] fx = lx;
        LeastSquaresOptimizer.Optimum opt = new LevenbergMarquardtOptimizer().optimize(new LeastSquaresBuilder()
                .start(new double[] {mean(ly), 0.0})
                .model(point -> {
                    RealVector value = new ArrayRealVector(fx.length);
                    RealMatrix jacobian = new Array2DRowRealMatrix(fx.length, 2);
                    for (int i = 0; i < fx.length; i++) {
                        value.setEntry(i, point.getEntry(0) + point.getEntry(1) * fx[i]);
                        jacobian.setEntry(i, 0, 1.0);
                        jacobian.setEntry(i, 1, fx[i]);
                    }
                    return new Pair<>(value, jacobian);
                })
                .target(ly)
                .weight(new DiagonalMatrix(w))
                .maxEvaluations(1000)
                .maxIterations(1000)
                .build());
        RealMatrix cov = opt.getCovariances(1e-14);
        int dof = n - 2;
        double chi2 = opt.getCost() * opt.getCost();   // cost = sqrt(weighted sum of squared residuals)
        double chi2Dof = dof > 0 ? chi2 / dof : Double.NaN;
        double scale = dof > 0 ? Math.sqrt(Math.max(1.0, chi2Dof)) : 1.0;
        double b = opt.getPoint().getEntry(1);
        double bErr = Math.sqrt(cov.getEntry(1, 1)) * scale;
        double logA = opt.getPoint().getEntry(0);
        double logAErr = Math.sqrt(cov.getEntry(0, 0)) * scale;
        String note = dof == 0 ? "exact through 2 points: interval from the points' errors alone" : "";
        FitResult exponent = new FitResult(kind, width, dataSize, b, bErr, b - Z95 * bErr, b + Z95 * bErr, n, chi2Dof,
                method + "; " + SE_LABEL, true, note);
        FitResult amplitude = new FitResult(kind + "_amplitude", width, dataSize, Math.exp(logA),
                Math.exp(logA) * logAErr, Math.exp(logA - Z95 * logAErr), Math.exp(logA + Z95 * logAErr), n, chi2Dof,
                method + "; " + SE_LABEL + " (of ln A)", true, note);
        return new Result(exponent, amplitude);
    }

    private static boolean usable(double x, double y, double err) {
        return x > 0 && y > 0 && err > 0 && Double.isFinite(x) && Double.isFinite(y) && Double.isFinite(err);
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return s / v.length;
    }
}
