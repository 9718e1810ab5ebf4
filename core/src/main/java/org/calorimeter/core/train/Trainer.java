package org.calorimeter.core.train;

import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.exception.TooManyIterationsException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.SimpleValueChecker;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunctionGradient;
import org.apache.commons.math3.optim.nonlinear.scalar.gradient.NonLinearConjugateGradientOptimizer;
import org.calorimeter.core.config.TrainingSpec;
import org.calorimeter.core.model.Model;

/**
 * The training stage: theta* = a minimiser of the training loss E(theta) (no prior, no temperature), reached by
 * Commons Math's nonlinear conjugate gradient (Polak-Ribiere) from the given start.
 *
 * <p>Stopping rule: the relative change of E between two iterations falls below {@code tolerance} (converged),
 * or {@code maxIterations} iterations pass (not converged). Either way theta* is the lowest-energy point
 * evaluated, so a capped run still starts the sampler at its best point.
 */
public final class Trainer {
    private Trainer() {}

    /** The minimiser found, the objective there (E for training), iterations used, and whether the rule was met. */
    public record Result(double[] theta, double energy, int iterations, boolean converged) {}

    /** A differentiable objective: returns f(x) and writes grad f into {@code grad}. */
    @FunctionalInterface
    public interface Objective {
        double valueAndGradient(double[] x, double[] grad);
    }

    /** The training stage: minimise E. */
    public static Result train(Model model, double[] start, TrainingSpec spec) {
        return minimize(model::energyAndGradient, start, spec.maxIterations(), spec.tolerance());
    }

    /** Minimises {@code f} from {@code start} with the stopping rule above. */
    public static Result minimize(Objective f, double[] start, int maxIterations, double tolerance) {
        Tracker tracker = new Tracker(f, start.length);
        NonLinearConjugateGradientOptimizer optimizer = new NonLinearConjugateGradientOptimizer(
                NonLinearConjugateGradientOptimizer.Formula.POLAK_RIBIERE,
                new SimpleValueChecker(tolerance, 0.0, maxIterations));
        boolean converged;
        int iterations;
        try {
            optimizer.optimize(new MaxEval(Integer.MAX_VALUE), new MaxIter(maxIterations + 1),
                    new ObjectiveFunction(tracker::value), new ObjectiveFunctionGradient(tracker::gradient),
                    GoalType.MINIMIZE, new InitialGuess(start.clone()));
            iterations = optimizer.getIterations();
            converged = iterations < maxIterations;
        } catch (TooManyIterationsException | TooManyEvaluationsException e) {
            iterations = maxIterations;
            converged = false;
        }
        return new Result(tracker.best.clone(), tracker.bestEnergy, iterations, converged);
    }

    /** Shares one energy-and-gradient evaluation between the optimiser's two callbacks, and keeps the best point. */
    private static final class Tracker {
        private final Objective f;
        private final double[] lastPoint;
        private final double[] lastGrad;
        private double lastEnergy = Double.NaN;
        private final double[] best;
        private double bestEnergy = Double.POSITIVE_INFINITY;

        Tracker(Objective f, int d) {
            this.f = f;
            this.lastPoint = new double[d];
            this.lastGrad = new double[d];
            this.best = new double[d];
        }

        private void evaluate(double[] point) {
            if (!Double.isNaN(lastEnergy) && java.util.Arrays.equals(point, lastPoint)) return;
            System.arraycopy(point, 0, lastPoint, 0, point.length);
            lastEnergy = f.valueAndGradient(point, lastGrad);
            if (lastEnergy < bestEnergy) {
                bestEnergy = lastEnergy;
                System.arraycopy(point, 0, best, 0, point.length);
            }
        }

        double value(double[] point) {
            evaluate(point);
            return lastEnergy;
        }

        double[] gradient(double[] point) {
            evaluate(point);
            return lastGrad.clone();
        }
    }
}
