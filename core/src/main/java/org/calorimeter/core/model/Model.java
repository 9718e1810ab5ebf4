package org.calorimeter.core.model;

/**
 * A model with its training data: the energy E(theta) = sum_i 1/2 (y_i - f_theta(x_i))^2, the total
 * training loss, and its gradient. Implementations are stateless apart from scratch buffers, so one
 * instance serves one chain (they are not thread-safe).
 */
public interface Model {
    /** Number of parameters d. */
    int dim();

    /** Number of training examples D. */
    int dataSize();

    /** E(theta) over all D examples. */
    default double energy(double[] theta) {
        return energyAndGradient(theta, null, null, dataSize());
    }

    /** E(theta) over all D examples; writes dE/dtheta into {@code grad}. */
    default double energyAndGradient(double[] theta, double[] grad) {
        return energyAndGradient(theta, grad, null, dataSize());
    }

    /**
     * Energy and gradient over the examples {@code rows[0..count)} ({@code rows == null}: examples 0..count).
     * {@code grad} may be null (energy only); otherwise it is overwritten.
     */
    double energyAndGradient(double[] theta, double[] grad, int[] rows, int count);
}
