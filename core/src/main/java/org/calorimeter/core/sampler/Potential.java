package org.calorimeter.core.sampler;

import org.calorimeter.core.model.Model;
import org.calorimeter.core.model.Prior;

/** U(theta) = E(theta)/T - log pi(theta): the tempered energy plus the untempered prior. */
public final class Potential {
    private final Model model;
    private final Prior prior;
    private final double temperature;
    private double lastEnergy = Double.NaN;

    public Potential(Model model, Prior prior, double temperature) {
        this.model = model;
        this.prior = prior;
        this.temperature = org.calorimeter.core.model.Checks.positive("temperature", temperature);
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
        return e * f + prior.penaltyAndAddGradient(theta, grad);
    }

    /** Full-batch U and grad U. */
    public double valueAndGradient(double[] theta, double[] grad) {
        return valueAndGradient(theta, grad, null, model.dataSize(), 1.0);
    }

    /** dE/dtheta from grad U at the same point: T (grad U - grad(-log prior)). */
    public void energyGradient(double[] theta, double[] gradU, double[] out) {
        double precision = prior.precision();
        for (int i = 0; i < out.length; i++) out[i] = temperature * (gradU[i] - precision * theta[i]);
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
        double curvature = model.dataSize() / temperature + prior.precision();
        return 1.0 / (curvature * Math.cbrt(model.dim()));
    }
}
