package org.calorimeter.core.model;

import org.calorimeter.core.config.PriorSpec;

/**
 * The (untempered) prior as a penalty -log pi(theta) up to a constant: ||theta||^2 / (2 sigma^2) for the
 * Gaussian, 0 for the flat prior.
 */
public final class Prior {
    private final double precision;   // 1 / sigma^2, 0 for flat

    public Prior(PriorSpec spec) {
        this.precision = spec.flat() ? 0.0 : 1.0 / (spec.sigma() * spec.sigma());
    }

    public double precision() {
        return precision;
    }

    /** -log pi(theta); adds d(-log pi)/dtheta into {@code grad} when it is not null. */
    public double penaltyAndAddGradient(double[] theta, double[] grad) {
        if (precision == 0.0) return 0.0;
        double sq = 0.0;
        for (int i = 0; i < theta.length; i++) {
            sq += theta[i] * theta[i];
            if (grad != null) grad[i] += precision * theta[i];
        }
        return 0.5 * precision * sq;
    }
}
