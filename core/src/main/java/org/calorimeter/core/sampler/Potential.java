package org.calorimeter.core.sampler;

import org.calorimeter.core.model.Model;
import org.calorimeter.core.model.Prior;

/**
 * U(theta) = E(theta)/T - log pi(theta) + gamma/2 |theta - theta*|^2: the tempered energy, the untempered prior and an
 * optional untempered localisation around theta* (devinterp's SGLD localisation; gamma = 0 by default).
 */
public final class Potential {
    private final Model model;
    private final Prior prior;
    private final double temperature;
    private final double gamma;
    private final double[] center;
    private double lastEnergy = Double.NaN;

    public Potential(Model model, Prior prior, double temperature) {
        this(model, prior, temperature, 0.0, null);
    }

    /** With localisation strength {@code gamma} >= 0 around {@code center} (ignored when gamma = 0). */
    public Potential(Model model, Prior prior, double temperature, double gamma, double[] center) {
        this.model = model;
        this.prior = prior;
        this.temperature = org.calorimeter.core.model.Checks.positive("temperature", temperature);
        this.gamma = gamma;
        this.center = gamma > 0 ? center.clone() : null;
    }

    public Model model() {
        return model;
    }

    public double temperature() {
        return temperature;
    }

    /**
     * U over the rows {@code rows[0..count)} with the data term scaled by {@code scale} (D/B for a minibatch,
     * 1 for the full batch); writes grad U into {@code grad}. The unscaled data energy of those rows is kept
     * in {@link #lastEnergy()}.
     */
    public double valueAndGradient(double[] theta, double[] grad, int[] rows, int count, double scale) {
        double e = model.energyAndGradient(theta, grad, rows, count);
        lastEnergy = e;
        double f = scale / temperature;
        for (int i = 0; i < grad.length; i++) grad[i] *= f;
        double u = e * f + prior.penaltyAndAddGradient(theta, grad);
        if (gamma > 0) {
            double sq = 0;
            for (int i = 0; i < grad.length; i++) {
                double dev = theta[i] - center[i];
                sq += dev * dev;
                grad[i] += gamma * dev;
            }
            u += 0.5 * gamma * sq;
        }
        return u;
    }

    /** Full-batch U and grad U. */
    public double valueAndGradient(double[] theta, double[] grad) {
        return valueAndGradient(theta, grad, null, model.dataSize(), 1.0);
    }

    /** dE/dtheta from grad U at the same point: T (grad U - grad(-log prior)). */
    public void energyGradient(double[] theta, double[] gradU, double[] out) {
        double precision = prior.precision();
        for (int i = 0; i < out.length; i++) {
            double extra = precision * theta[i] + (gamma > 0 ? gamma * (theta[i] - center[i]) : 0.0);
            out[i] = temperature * (gradU[i] - extra);
        }
    }

    /** The data energy E from the last evaluation. */
    public double lastEnergy() {
        return lastEnergy;
    }

    /**
     * A first step size from the curvature scale of U: the data term's Hessian grows like D/T per
     * coordinate (unit-variance inputs) and the prior adds its precision; MALA's optimal step scales as
     * d^(-1/3) of the inverse curvature. Adaptation refines it.
     */
    public double initialStepSize() {
        double curvature = model.dataSize() / temperature + prior.precision() + gamma;
        return 1.0 / (curvature * Math.cbrt(model.dim()));
    }
}
