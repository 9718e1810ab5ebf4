package org.calorimeter.core.anneal;

import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.calorimeter.core.model.Model;
import org.calorimeter.core.model.Prior;
import org.calorimeter.core.model.SpinModel;
import org.calorimeter.core.sampler.Kernel;
import org.calorimeter.core.sampler.MalaKernel;
import org.calorimeter.core.sampler.MetropolisKernel;
import org.calorimeter.core.sampler.Potential;
import org.calorimeter.core.sampler.SpinPotential;
import org.calorimeter.core.sampler.State;

/**
 * Annealing fresh chains from the highest to the lowest temperature of a line in S steps (the specification's
 * temperature scheduling from C(T)): one sampler step at each temperature of a schedule, from an equilibrium start at
 * infinite temperature (random spins; theta drawn from the Gaussian prior). What is measured is where the chain ends:
 * its energy against the equilibrium energy at the lowest temperature (the excess, or dissipation) and, for a model
 * with a teacher, its generalisation error. Three schedules, at equal S:
 * <ul>
 *   <li>{@link Kind#SPEED}: constant thermodynamic speed, dT/dt ~ -T/sqrt(C) (the run's schedule/ table, interpolated
 *       geometrically in T along its progress), which theory (Salamon and Berry; Sivak and Crooks) predicts dissipates
 *       least;</li>
 *   <li>{@link Kind#GEOMETRIC}: equal steps of log T;</li>
 *   <li>{@link Kind#LINEAR}: equal steps of T.</li>
 * </ul>
 */
public final class Annealing {
    private Annealing() {}

    public enum Kind {
        SPEED, GEOMETRIC, LINEAR;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * S temperatures from the highest to the lowest. {@code speed} is the constant-speed table, rows {step, progress,
     * temperature} from progress 0 (highest T) to 1 (lowest), used by {@link Kind#SPEED} and giving the end points.
     */
    public static double[] temperatures(Kind kind, int steps, double[][] speed) {
        if (steps < 2) throw new IllegalArgumentException("an annealing schedule needs at least 2 steps: " + steps);
        double hi = speed[0][2];
        double lo = speed[speed.length - 1][2];
        double[] t = new double[steps];
        for (int k = 0; k < steps; k++) {
            double s = (double) k / (steps - 1);
            t[k] = switch (kind) {
                case GEOMETRIC -> hi * Math.pow(lo / hi, s);
                case LINEAR -> hi + (lo - hi) * s;
                case SPEED -> along(speed, s);
            };
        }
        t[0] = hi;
        t[steps - 1] = lo;
        return t;
    }

    /** The table's temperature at progress s, geometric between its rows (as the table was made). */
    static double along(double[][] speed, double s) {
        int j = 1;
        while (j < speed.length - 1 && speed[j][1] < s) j++;
        double s0 = speed[j - 1][1];
        double s1 = speed[j][1];
        double f = s1 > s0 ? Math.min(1, Math.max(0, (s - s0) / (s1 - s0))) : 1;
        return Math.exp(Math.log(speed[j - 1][2]) + f * (Math.log(speed[j][2]) - Math.log(speed[j - 1][2])));
    }

    /** A spin chain from random spins (equilibrium at infinite T), one Metropolis sweep per temperature: its final E. */
    public static double spins(SpinModel model, double[] temperatures, SplittableRandom rng) {
        SpinModel.State s = model.start(SpinModel.random(model.size(), rng));
        Kernel<SpinModel.State, SpinPotential> kernel = new MetropolisKernel();
        for (double t : temperatures) s = kernel.step(s, new SpinPotential(model, t), rng).state();
        return s.energy();
    }

    /**
     * A continuous chain from theta ~ N(0, sigma^2 I) (the prior: equilibrium at infinite T), one MALA step per
     * temperature with the step size {@code stepSize(T)} (the run's adapted step at that temperature): its final
     * theta.
     */
    public static double[] continuous(Model model, Prior prior, double sigma, double[] temperatures,
                                      DoubleUnaryOperator stepSize, SplittableRandom rng) {
        double[] theta = new double[model.dim()];
        for (int i = 0; i < theta.length; i++) theta[i] = sigma * rng.nextGaussian();
        Potential p = new Potential(model, prior, temperatures[0]);
        State s = p.state(theta);
        for (double t : temperatures) {
            MalaKernel kernel = new MalaKernel(stepSize.applyAsDouble(t));
            s = kernel.step(s, p.at(t), rng).state();
        }
        return s.theta();
    }
}
