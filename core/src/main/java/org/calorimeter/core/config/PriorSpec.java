package org.calorimeter.core.config;

import java.io.Serializable;

/** Gaussian prior N(0, sigma^2 I) on every parameter; {@code sigma = +infinity} is the flat prior. */
public record PriorSpec(double sigma) implements Serializable {
    public static final PriorSpec FLAT = new PriorSpec(Double.POSITIVE_INFINITY);

    public boolean flat() {
        return Double.isInfinite(sigma);
    }
}
