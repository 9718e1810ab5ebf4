package org.calorimeter.core.cell;

import java.util.List;
import java.util.SplittableRandom;
import org.calorimeter.core.config.Family;
import org.calorimeter.core.config.SamplerSpec;
import org.calorimeter.core.estimator.Estimate;
import org.calorimeter.core.config.SweepConfig;
import org.calorimeter.core.model.Dataset;
import org.calorimeter.core.model.Model;
import org.calorimeter.core.model.TeacherStudentData;
import org.calorimeter.core.sampler.Potential;
import org.calorimeter.core.train.Trainer;
import org.calorimeter.core.train.TrainingCache;

/**
 * Runs one cell: data -> model -> training to theta* -> sampling p_T from theta* -> estimates, through
 * {@link LineRunner} (which runs a line's temperatures together). Every random number comes from streams derived from
 * (sweep seed, cell key) and, with exchange, the line key, so the result is a pure function of its inputs (apart from
 * {@code wallSeconds}).
 */
public final class CellRunner {
    /** Energy beyond which an SGLD chain counts as runaway (no finite-T posterior of these models reaches it). */

    /**
     * A continuous chain has run away when E exceeds this many times its own scale, max(1, |E at the start|, D):
     * a chain that is sampling stays within a few standard deviations of its start's scale, one that diverges grows
     * without bound. Relative, so that data with large labels (E ~ 1e12 at the start) are not called diverged.
     */
    static final double RUNAWAY_FACTOR = 1e6;

    static boolean runaway(double e, double startEnergy, int dataSize) {
        double scale = Math.max(1.0, Math.max(Math.abs(startEnergy), dataSize));
        return !Double.isFinite(e) || e > RUNAWAY_FACTOR * scale;
    }

    /**
     * SGLD's {@code auto} step as a fraction of MALA's adapted step. SGLD has no accept/reject, so its stationary
     * distribution is off p_T by O(h): on the linear model (d = 6, D = 50, T = 1, 10^5 steps) MALA's own step gives
     * C = 7.8 (full batch) and 36 (B = 10) instead of 3; a 13th of it still +4-6%; a 44th +1%. A 50th keeps the bias
     * near 1% at the price of a tau_int about 50 times MALA's (docs/estimators.md has the table).
     */
    public static final double SGLD_AUTO_FRACTION = 1.0 / 50;

    private CellRunner() {}

    public static CellResult run(SweepConfig config, CellKey key, String configHash) {
        return runWithTraces(config, key, configHash).result();
    }

    /** A cell's row and its chains' bounded traces (none for a failed or diverged cell, or trace_length 0). */
    public record Outcome(CellResult result, List<ChainTrace> traces) implements java.io.Serializable {}

    public static Outcome runWithTraces(SweepConfig config, CellKey key, String configHash) {
        return runWithTraces(config, key, configHash, null);
    }

    /**
     * A cell with user data: {@code userData} holds every row of the config's data file (null for the synthetic
     * teacher) and the cell uses its first D rows.
     */
    public static Outcome runWithTraces(SweepConfig config, CellKey key, String configHash, Dataset userData) {
        // The cell alone: its line degenerates to this one temperature, so there is nothing to exchange with. A sweep
        // with exchange runs whole lines through LineRunner.run, where this cell's row depends on its neighbours.
        return LineRunner.run(config, key.line(), List.of(key.temperature()), configHash, userData).get(0);
    }

    /** The trained starting point theta* of a cell's (N, D, replica) line, and the model. */
    public record Prepared(Model model, Trainer.Result trained) {}

    public static Prepared prepare(SweepConfig config, CellKey key) {
        return prepare(config, key, null);
    }

    public static Prepared prepare(SweepConfig config, CellKey key, Dataset userData) {
        Dataset data = userData != null ? userData.prefix(key.dataSize())
                : TeacherStudentData.generate(config.seed(), key.replica(), config.model(), key.dataSize());
        Model model = TeacherStudentData.student(config.model().withDepth(key.depth()), key.width(), data);
        return new Prepared(model, trained(config, key, model, 0));
    }

    /** The trained start of chain c (c = 0: theta*), shared by every temperature of the line and cached. */
    static Trainer.Result trained(SweepConfig config, CellKey key, Model model, int chain) {
        return TrainingCache.get(key.line().trainingKey(config, chain),
                () -> Trainer.train(model, initialParameters(config, key, model.dim(), chain), config.training()));
    }

    /** Student initialisation: the teacher's distribution (first layer N(0,1), output N(0,1/N); linear N(0,1/n)). */
    static double[] initialParameters(SweepConfig config, CellKey key, int d, int chain) {
        SplittableRandom rng = new SplittableRandom(key.initSeed(config.seed(), chain));
        int n = config.model().inputDim();
        double[] theta = new double[d];
        if (config.model().family() == Family.LINEAR) {
            for (int i = 0; i < d; i++) theta[i] = rng.nextGaussian() / Math.sqrt(n);
        } else if (config.model().family() == Family.DEEP_LINEAR) {
            // Each layer N(0, 1/fan_in), so the product keeps unit scale.
            List<Integer> layers = config.model().layers(key.width());
            int i = 0;
            for (int l = 1; l < layers.size(); l++) {
                double sd = 1.0 / Math.sqrt(layers.get(l - 1));
                for (int k = 0; k < layers.get(l) * layers.get(l - 1); k++) theta[i++] = rng.nextGaussian() * sd;
            }
        } else {
            // Hidden layers N(0, 1) (their inputs are scaled by 1/sqrt(fan_in) inside the model), output N(0, 1/N).
            int hidden = d - key.width();
            for (int i = 0; i < hidden; i++) theta[i] = rng.nextGaussian();
            for (int i = hidden; i < d; i++) theta[i] = rng.nextGaussian() / Math.sqrt(key.width());
        }
        return theta;
    }

    /**
     * The sampling start: the mode of p_T in theta*'s basin, by conjugate gradient on U_T from theta*. theta* minimises
     * E alone; at low T the prior pulls p_T's mass elsewhere, and a chain started at theta* relaxes there over ~10^5
     * MALA steps (seen on the quickstart at T = 0.01), which would be read as a huge Var(E).
     */
    static double[] modeOf(Potential potential, double[] thetaStar, SweepConfig config) {
        int iterations = config.training().modeIterations();
        if (iterations == 0) return thetaStar;
        return Trainer.minimize(potential::valueAndGradient, thetaStar, iterations, config.training().tolerance())
                .theta();
    }

    /** psi = |sum_i theta_i| / d for one sample; its chain average is the order parameter. */
    public static double orderParameter(double[] theta, int d) {
        double s = 0.0;
        for (int i = 0; i < d; i++) s += theta[i];
        return Math.abs(s) / d;
    }

    static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    static CellResult failed(SweepConfig config, CellKey key, String hash, long chainSeed, String status,
                                     String message, long start, double stepSize, Trainer.Result trained) {
        SamplerSpec spec = config.sampler();
        double nan = Double.NaN;
        Estimate none = Estimate.NONE;
        return new CellResult(key.modelName(config), key.width(), key.depth(), key.dataSize(), key.temperature(),
                key.replica(), chainSeed, key.parameterCount(config), spec.burnIn(), 0, spec.steps(), spec.thin(),
                spec.chains(), 0,
                stepSize, trained == null ? nan : trained.energy(), trained == null ? 0 : trained.iterations(),
                trained != null && trained.converged(), nan, none, none, none, none, none, none, none, nan, nan, none,
                none, none, none, Fisher.NONE, nan, Exchange.NONE, status, message, seconds(start), hash);
    }
}
