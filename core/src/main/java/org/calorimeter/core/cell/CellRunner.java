package org.calorimeter.core.cell;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.calorimeter.core.config.Family;
import org.calorimeter.core.config.SamplerKind;
import org.calorimeter.core.config.SamplerSpec;
import org.calorimeter.core.config.SweepConfig;
import org.calorimeter.core.estimator.Autocorrelation;
import org.calorimeter.core.estimator.BlockedMoments;
import org.calorimeter.core.estimator.Estimate;
import org.calorimeter.core.estimator.Moments;
import org.calorimeter.core.estimator.Equilibration;
import org.calorimeter.core.estimator.FluctuationEstimator;
import org.calorimeter.core.estimator.RHat;
import org.calorimeter.core.model.Dataset;
import org.calorimeter.core.model.Model;
import org.calorimeter.core.model.Prior;
import org.calorimeter.core.model.TeacherStudentData;
import org.calorimeter.core.rng.Seeds;
import org.calorimeter.core.sampler.MalaSampler;
import org.calorimeter.core.sampler.Potential;
import org.calorimeter.core.sampler.Sampler;
import org.calorimeter.core.sampler.SgldSampler;
import org.calorimeter.core.train.Trainer;
import org.calorimeter.core.train.TrainingCache;

/**
 * Runs one cell: data -> model -> training to theta* -> sampling p_T from theta* -> estimates.
 * Every random number comes from streams derived from (sweep seed, cell key), so the result is a pure
 * function of its inputs (apart from {@code wallSeconds}).
 */
public final class CellRunner {
    /** Energy beyond which an SGLD chain counts as runaway (no finite-T posterior of these models reaches it). */
    static final double RUNAWAY_ENERGY = 1e12;

    /**
     * SGLD's {@code auto} step as a fraction of MALA's adapted step. SGLD has no accept/reject, so its stationary
     * distribution is off p_T by O(h): on the linear model (d = 6, D = 50, T = 1, 10^5 steps) MALA's own step gives
     * C = 7.8 (full batch) and 36 (B = 10) instead of 3; a 13th of it still +4-6%; a 44th +1%. A 50th keeps the bias
     * near 1% at the price of a tau_int about 50 times MALA's (docs/estimators.md has the table).
     */
    static final double SGLD_AUTO_FRACTION = 1.0 / 50;

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
        long start = System.nanoTime();
        long chainSeed = key.chainSeed(config.seed());
        try {
            if (config.model().family().spins()) return SpinCells.measure(config, key, configHash, chainSeed, start);
            return measure(config, key, configHash, chainSeed, start, userData);
        } catch (RuntimeException | StackOverflowError e) {
            return new Outcome(failed(config, key, configHash, chainSeed, CellResult.FAILED,
                    e.getClass().getSimpleName() + ": " + e.getMessage(), start, Double.NaN, null), List.of());
        }
    }

    /** The trained starting point theta* of a cell's (N, D, replica) line, and the model. */
    public record Prepared(Model model, Trainer.Result trained) {}

    public static Prepared prepare(SweepConfig config, CellKey key) {
        return prepare(config, key, null);
    }

    public static Prepared prepare(SweepConfig config, CellKey key, Dataset userData) {
        Dataset data = userData != null ? userData.prefix(key.dataSize())
                : TeacherStudentData.generate(config.seed(), key.replica(), config.model(), key.dataSize());
        Model model = TeacherStudentData.student(config.model(), key.width(), data);
        return new Prepared(model, trained(config, key, model, 0));
    }

    /** The trained start of chain c (c = 0: theta*), shared by every temperature of the line and cached. */
    static Trainer.Result trained(SweepConfig config, CellKey key, Model model, int chain) {
        String line = config.seed() + "|" + config.model() + "|" + config.training() + "|" + key.width() + "|"
                + key.dataSize() + "|" + key.replica() + "|" + chain;
        return TrainingCache.get(line,
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

    private static Outcome measure(SweepConfig config, CellKey key, String hash, long chainSeed, long t0,
                                   Dataset userData) {
        Prepared prepared = prepare(config, key, userData);
        Model model = prepared.model();
        Trainer.Result trained = prepared.trained();
        SamplerSpec spec = config.sampler();
        Potential potential = new Potential(model, new Prior(config.prior()), key.temperature(), spec.localization(),
                trained.theta());
        Overlap overlap = Overlap.of(config, key, model, userData != null);

        int k = spec.chains();
        Series series = new Series(k);
        double stepSize = Double.NaN;
        double startEnergy = Double.NaN;
        List<Moments> thetaBlocks = new ArrayList<>();
        List<Moments> gradientBlocks = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            // Chain 0 starts from theta*; the others from minima trained from their own initialisations.
            double[] start = modeOf(potential, (c == 0 ? trained : trained(config, key, model, c)).theta(), config);
            if (c == 0) startEnergy = model.energy(start);
            Sampler sampler = equilibrated(potential, start, spec, key.chainSeed(config.seed(), c));
            Trace trace = sample(sampler, spec, model.dim(), overlap);
            if (trace.divergence() != null) {
                return new Outcome(failed(config, key, hash, chainSeed, CellResult.DIVERGED, (k > 1 ? "chain " + c
                        + ": " : "") + trace.divergence() + " for T = " + key.temperature(), t0, sampler.stepSize(),
                        trained), List.of());
            }
            int chainCut = series.add(c, trace.energies(), trace.psi(), trace.overlap(), null, trace.acceptRate());
            thetaBlocks.addAll(trace.theta().from(chainCut));
            gradientBlocks.addAll(trace.gradient().from(chainCut));
            if (c == 0) stepSize = sampler.stepSize();
        }
        double t2 = key.temperature() * key.temperature();
        Estimate cParam = BlockedMoments.totalVariance(thetaBlocks).times(1.0 / t2);
        Estimate cGrad = BlockedMoments.totalVariance(gradientBlocks).times(1.0 / t2);
        return series.outcome(config, key, hash, chainSeed, model.dim(), stepSize, trained.energy(),
                trained.iterations(), trained.converged(), startEnergy, cParam, cGrad, t0);
    }

    /**
     * Every chain's recorded series after its detected equilibration point (which counts as burn-in), and from them
     * the cell's estimates and status. Shared by the Langevin and the spin cells.
     */
    static final class Series {
        final double[][] energies;
        final double[][] psi;
        final double[][] overlap;
        final double[][] genError;
        final List<ChainTrace> traces = new ArrayList<>();
        int cut;
        double acceptRate;

        Series(int chains) {
            energies = new double[chains][];
            psi = new double[chains][];
            overlap = new double[chains][];
            genError = new double[chains][];
        }

        /** Adds chain c (overlap and genError may be null); returns its equilibration cut. */
        int add(int c, double[] e, double[] p, double[] r, double[] eps, double accept) {
            int chainCut = Equilibration.detect(e).start();
            cut = Math.max(cut, chainCut);
            energies[c] = Arrays.copyOfRange(e, chainCut, e.length);
            psi[c] = Arrays.copyOfRange(p, chainCut, p.length);
            overlap[c] = r == null ? null : Arrays.copyOfRange(r, chainCut, r.length);
            genError[c] = eps == null ? null : Arrays.copyOfRange(eps, chainCut, eps.length);
            acceptRate += accept / energies.length;
            return chainCut;
        }

        void trace(int c, int traceLength) {
            if (traceLength > 0) traces.add(ChainTrace.thinned(c, energies[c], psi[c], traceLength));
        }

        private static Estimate mean(double[][] chains) {
            if (chains[0] == null) return new Estimate(Double.NaN, Double.NaN);
            Autocorrelation a = Autocorrelation.of(chains);
            return new Estimate(a.mean(), a.meanError());
        }

        Outcome outcome(SweepConfig config, CellKey key, String hash, long chainSeed, int dim, double stepSize,
                        double trainEnergy, int trainIterations, boolean trainConverged, double startEnergy,
                        Estimate cParam, Estimate cGrad, long t0) {
            SamplerSpec spec = config.sampler();
            for (int c = 0; c < energies.length; c++) trace(c, spec.traceLength());
            int k = energies.length;
            double t = key.temperature();
            FluctuationEstimator.Result fluct = FluctuationEstimator.of(energies, t);
            Autocorrelation e = fluct.energy();
            Autocorrelation p = Autocorrelation.of(psi);
            // Susceptibility from the fluctuations of psi: chi = n Var(psi) / T, n the weights psi averages over.
            Estimate chi = FluctuationEstimator.of(psi, t).variance().times(dim / t);
            Estimate r = mean(overlap);
            Estimate eps = mean(genError);
            double rhat = RHat.of(energies);
            String status = CellResult.OK;
            String message = "";
            if (Double.isNaN(e.tauInt())) {
                status = CellResult.SHORT_CHAIN;
                message = "the energy did not change during sampling (every proposal rejected?)";
            } else if (!e.reliable() || !fluct.squares().reliable()) {
                status = CellResult.SHORT_CHAIN;
                message = String.format("chain too short for its autocorrelation: tau_int(E) >= %.1f, ESS = %.1f; "
                        + "errors are lower bounds (raise sampler.steps)", e.tauInt(), e.ess());
            } else if (rhat > RHat.THRESHOLD) {
                status = CellResult.UNMIXED;
                message = String.format("split R-hat of E = %.3f > %.2f: %s", rhat, RHat.THRESHOLD, k > 1
                        ? "the chains disagree (different modes, or too short); errors are lower bounds"
                        : "the two halves of the chain disagree (still drifting); errors are lower bounds");
            }
            double llc = (e.mean() - trainEnergy) / t;
            return new Outcome(new CellResult(config.model().family().key(), key.width(), key.dataSize(), t,
                    key.replica(), chainSeed, dim, spec.burnIn() + cut * spec.thin(), cut * spec.thin(), spec.steps(),
                    spec.thin(), k, e.n(), stepSize, trainEnergy, trainIterations, trainConverged,
                    startEnergy, e.mean(), e.meanError(), fluct.variance().value(), fluct.variance().error(),
                    fluct.heatCapacity().value(), fluct.heatCapacity().error(),
                    cParam.value(), cParam.error(), cGrad.value(), cGrad.error(),
                    llc, Double.isNaN(trainEnergy) ? Double.NaN : e.meanError() / t,
                    e.tauInt(), e.tauIntError(), e.ess(), rhat,
                    p.mean(), p.meanError(), chi.value(), chi.error(), r.value(), r.error(), eps.value(), eps.error(),
                    acceptRate, status, message, seconds(t0), hash), traces);
        }
    }

    /**
     * The sampler after burn-in, from {@code start}. With {@code step_size: auto}, SGLD burns in with full-batch
     * MALA (which can adapt its step from acceptance) and then continues as SGLD at a fraction of that step.
     */
    static Sampler equilibrated(Potential potential, double[] start, SamplerSpec spec, long chainSeed) {
        SplittableRandom rng = new SplittableRandom(chainSeed);
        double h = spec.autoStep() ? potential.initialStepSize() : spec.stepSize();
        Sampler sampler = spec.kind() == SamplerKind.MALA || spec.autoStep()
                ? new MalaSampler(potential, start, h, rng)
                : new SgldSampler(potential, start, h, spec.batchSize(), rng);
        burnIn(sampler, spec);
        if (spec.kind() == SamplerKind.SGLD && spec.autoStep()) {
            sampler = new SgldSampler(potential, sampler.position(), sampler.stepSize() * SGLD_AUTO_FRACTION,
                    spec.batchSize(), new SplittableRandom(Seeds.derive(chainSeed, "sgld")));
        }
        return sampler;
    }

    /**
     * What the sampling stage recorded: E and psi every {@code thin} steps, the moments of theta and of dE/dtheta in
     * blocks, or why the chain diverged.
     */
    record Trace(double[] energies, double[] psi, double[] overlap, BlockedMoments theta, BlockedMoments gradient,
                 double acceptRate, String divergence) {}

    /** The sampling stage: {@code steps} steps after burn-in, recording every {@code thin}-th. */
    static Trace sample(Sampler sampler, SamplerSpec spec, int d, Overlap overlap) {
        int samples = spec.recorded();
        double[] energies = new double[samples];
        double[] psi = new double[samples];
        double[] r = overlap == null ? null : new double[samples];
        BlockedMoments theta = new BlockedMoments(samples, d);
        BlockedMoments gradient = new BlockedMoments(samples, d);
        double[] g = new double[d];
        double acceptSum = 0.0;
        for (int s = 1, recorded = 0; s <= samples * spec.thin(); s++) {
            acceptSum += sampler.step();
            if (s % spec.thin() != 0) continue;
            sampler.energyGradient(g);
            double e = sampler.energy();
            if (!Double.isFinite(e) || e > RUNAWAY_ENERGY) {
                return new Trace(null, null, null, null, null, Double.NaN, "energy " + e + " at sampling step " + s
                        + ": the step size " + sampler.stepSize() + " is too large");
            }
            double[] position = sampler.position();
            energies[recorded] = e;
            psi[recorded] = orderParameter(position, d);
            if (r != null) r[recorded] = overlap.of(position);
            theta.add(recorded, position);
            gradient.add(recorded, g);
            recorded++;
        }
        double acceptRate = sampler.adaptable() ? acceptSum / (samples * spec.thin()) : Double.NaN;
        return new Trace(energies, psi, r, theta, gradient, acceptRate, null);
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

    /**
     * Burn-in. With {@code step_size: auto} the step size follows a Robbins-Monro recursion on log h towards the
     * target acceptance, gain (t+1)^-0.6 (decaying, so it settles), and is frozen when burn-in ends.
     */
    static void burnIn(Sampler sampler, SamplerSpec spec) {
        boolean adapt = spec.autoStep() && sampler.adaptable();
        double logH = Math.log(sampler.stepSize());
        for (int t = 0; t < spec.burnIn(); t++) {
            double alpha = sampler.step();
            if (adapt) {
                logH += Math.pow(t + 1.0, -0.6) * (alpha - SamplerSpec.TARGET_ACCEPT);
                sampler.setStepSize(Math.exp(logH));
            }
        }
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
        return new CellResult(config.model().family().key(), key.width(), key.dataSize(), key.temperature(),
                key.replica(), chainSeed, key.parameterCount(config), spec.burnIn(), 0, spec.steps(), spec.thin(),
                spec.chains(), 0,
                stepSize, trained == null ? nan : trained.energy(), trained == null ? 0 : trained.iterations(),
                trained != null && trained.converged(), nan, nan, nan, nan, nan, nan, nan, nan, nan, nan, nan, nan, nan, nan, nan,
                nan, nan, nan, nan, nan, nan, nan, nan, nan, nan, nan,
                status, message, seconds(start), hash);
    }
}
