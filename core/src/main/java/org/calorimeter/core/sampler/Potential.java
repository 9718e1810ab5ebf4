package org.calorimeter.core.sampler;

import org.calorimeter.core.model.Model;
import org.calorimeter.core.model.Prior;

/**
 * U(theta) = E(theta)/T - log pi(theta) + gamma/2 |theta - theta*|^2 at one temperature T: the tempered energy, the
 * untempered prior and an optional untempered localisation around theta* (devinterp's SGLD localisation; gamma = 0 by
 * default). The temperature belongs here, not to a chain's state: a {@link State} holds E and dE/dtheta, which do not
 * depend on T, so a state can move to another temperature (replica exchange) and U and grad U are formed from it by
 * whichever potential it stands in.
 */
public final class Potential {
    private final Model model;
    private final Prior prior;
    private final double temperature;
    private final double gamma;
    private final double[] center;

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

    /** The same model, prior and localisation at another temperature. */
    public Potential at(double otherTemperature) {
        return new Potential(model, prior, otherTemperature, gamma, center);
    }

    public Model model() {
        return model;
    }

    public double temperature() {
        return temperature;
    }

    /** The full-batch state at {@code theta} (a copy is kept): E and dE/dtheta. */
    public State state(double[] theta) {
        double[] g = new double[theta.length];
        double e = model.energyAndGradient(theta, g);
        return new State(theta.clone(), e, g);
    }

    /** Fills {@code into} with the full-batch E and dE/dtheta at {@code theta} (copied into its position). */
    State evaluate(double[] theta, MutableState into) {
        System.arraycopy(theta, 0, into.theta, 0, theta.length);
        into.energy = model.energyAndGradient(into.theta, into.gradient);
        return into.freeze();
    }

    /**
     * U at {@code s} and grad U into {@code gradU} (may be null), formed from the state's E and dE/dtheta:
     * grad U = dE/dtheta / T + grad(-log pi) + gamma (theta - theta*).
     */
    public double value(State s, double[] gradU) {
        double f = 1.0 / temperature;
        double[] theta = s.theta();
        if (gradU != null) {
            double[] g = s.gradient();
            for (int i = 0; i < gradU.length; i++) gradU[i] = g[i] * f;
        }
        return localise(theta, gradU, s.energy() * f + prior.penaltyAndAddGradient(theta, gradU));
    }

    /** u plus the localisation term at theta, adding its gradient into {@code grad} when it is not null. */
    private double localise(double[] theta, double[] grad, double u) {
        if (gamma > 0) {
            double sq = 0;
            for (int i = 0; i < theta.length; i++) {
                double dev = theta[i] - center[i];
                sq += dev * dev;
                if (grad != null) grad[i] += gamma * dev;
            }
            u += 0.5 * gamma * sq;
        }
        return u;
    }

    /**
     * U over the rows {@code rows[0..count)} with the data term scaled by {@code scale} (D/B for a minibatch, 1 for
     * the full batch); writes grad U into {@code grad}.
     */
    public double valueAndGradient(double[] theta, double[] grad, int[] rows, int count, double scale) {
        double e = model.energyAndGradient(theta, grad, rows, count);
        double f = scale / temperature;
        for (int i = 0; i < grad.length; i++) grad[i] *= f;
        return localise(theta, grad, e * f + prior.penaltyAndAddGradient(theta, grad));
    }

    /** Full-batch U and grad U (the mode search uses it). */
    public double valueAndGradient(double[] theta, double[] grad) {
        return valueAndGradient(theta, grad, null, model.dataSize(), 1.0);
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

    /** A state's buffers while a kernel fills them; {@link #freeze} hands them out as a {@link State}. */
    static final class MutableState {
        final double[] theta;
        final double[] gradient;
        double energy;

        MutableState(int d) {
            theta = new double[d];
            gradient = new double[d];
        }

        MutableState(State s) {
            theta = s.theta();
            gradient = s.gradient();
            energy = s.energy();
        }

        State freeze() {
            return new State(theta, energy, gradient);
        }
    }
}
