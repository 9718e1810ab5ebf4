package org.calorimeter.core.cell;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.apache.commons.math3.special.Erf;
import org.calorimeter.core.config.ExchangeSpec;
import org.calorimeter.core.config.SamplerKind;
import org.calorimeter.core.config.SamplerSpec;
import org.calorimeter.core.config.SweepConfig;
import org.calorimeter.core.estimator.BlockedMoments;
import org.calorimeter.core.estimator.Estimate;
import org.calorimeter.core.estimator.Moments;
import org.calorimeter.core.estimator.SecondMoments;
import org.calorimeter.core.model.Dataset;
import org.calorimeter.core.model.Model;
import org.calorimeter.core.model.Prior;
import org.calorimeter.core.model.TeacherStudentData;
import org.calorimeter.core.observable.FisherSpectrum;
import org.calorimeter.core.rng.Seeds;
import org.calorimeter.core.sampler.ContinuousKernel;
import org.calorimeter.core.sampler.HmcKernel;
import org.calorimeter.core.sampler.Kernel;
import org.calorimeter.core.sampler.MalaKernel;
import org.calorimeter.core.sampler.SgldKernel;
import org.calorimeter.core.sampler.State;
import org.calorimeter.core.train.Trainer;

/**
 * Runs the temperatures of one line together: per chain, every temperature has a slot holding a state, a kernel and
 * the slot's own random stream (the cell's chain seed). Each round, every slot takes its kernel steps; with replica
 * exchange, every {@code exchange.every} steps neighbouring slots (even pairs, then odd pairs) swap states with
 * probability min(1, exp((beta_i - beta_j)(E_i - E_j))), drawn from the line's exchange stream. A swap moves a state to
 * another temperature without re-evaluating it (its E and dE/dtheta do not depend on T). Without exchange the slots
 * are independent chains and each gives bitwise the cell it gives run alone, so one code path serves both, for
 * continuous and spin families alike. Every recorded series stays in the task; each temperature becomes one
 * {@link CellRunner.Outcome}.
 */
public final class LineRunner {
    private LineRunner() {}

    /**
     * The cells of {@code line} at the grid temperatures {@code temperatures} (ascending), plus any temperatures an
     * automatic ladder inserts (rows marked {@code ladder}), ascending by temperature. A line that throws gives a
     * {@code failed} row at each grid temperature.
     */
    public static List<CellRunner.Outcome> run(SweepConfig config, Line line, List<Double> temperatures, String hash,
                                               Dataset userData) {
        long t0 = System.nanoTime();
        ExchangeSpec ex = config.sampler().exchange();
        boolean exchange = ex.on() && temperatures.size() >= 2;
        try {
            Family<?> family = config.model().family().spins()
                    ? new SpinLine(config, line)
                    : new ContinuousLine(config, line, userData);
            List<Double> ladder = exchange && ex.autoLadder() ? ladder(config, line, temperatures, family)
                    : temperatures;
            return family.measure(ladder, new TreeSet<>(temperatures), exchange, hash, t0);
        } catch (RuntimeException | StackOverflowError e) {
            List<CellRunner.Outcome> out = new ArrayList<>();
            for (double t : temperatures) {
                CellKey key = line.at(t);
                out.add(new CellRunner.Outcome(CellRunner.failed(config, key, hash, key.chainSeed(config.seed()),
                        CellResult.FAILED, e.getClass().getSimpleName() + ": " + e.getMessage(), t0, Double.NaN,
                        null), List.of()));
            }
            return out;
        }
    }

    /** What the engine drives: one family's slots for one chain of a line. */
    interface Slots<S> {
        S start(int i);

        Kernel.Step<S> step(int i, S s);

        /** Burn-in adaptation after step {@code t} of slot i (outside the kernel). */
        void adapt(int i, int t, Kernel.Step<S> step);

        /** Freezes slot i's tuning: the chain after burn-in is a fixed Markov chain. */
        void endBurnIn(int i);

        /** {@code s} with its exact (full-batch) energy. */
        S exact(int i, S s);

        double energy(S s);

        /** Records sample {@code index} of slot i; returns why the chain diverged, or null. */
        String record(int i, S s, int index);

        /** The step's acceptance counts towards the slot's acceptance rate. */
        boolean reportsAcceptance(int i);
    }

    /** Swap and round-trip counts of one line, summed over its chains. */
    static final class Tally {
        final long[] attempts;
        final long[] accepts;
        int roundTrips;
        long tripSteps;
        Walkers walkers;

        Tally(int m) {
            attempts = new long[m];
            accepts = new long[m];
        }

        Exchange of(int i, boolean ladder, boolean exchange) {
            if (!exchange) return new Exchange(ladder, Double.NaN, 0, Double.NaN);
            double swap = attempts[i] == 0 ? Double.NaN : (double) accepts[i] / attempts[i];
            return new Exchange(ladder, swap, roundTrips, roundTrips == 0 ? Double.NaN : (double) tripSteps / roundTrips);
        }
    }

    /**
     * Drives one chain of a line: burn-in (with swaps), then {@code steps} steps recording every {@code thin}-th, with
     * swaps every {@code every} steps. {@code dead[i]} receives slot i's divergence message; {@code acceptSums[i]}
     * the sum of its steps' acceptance probabilities.
     */
    static <S> void drive(Slots<S> slots, double[] temperatures, SamplerSpec spec, boolean exchange,
                          SplittableRandom swapRng, Tally tally, String[] dead, double[] acceptSums) {
        int m = temperatures.length;
        List<S> cur = new ArrayList<>(m);
        for (int i = 0; i < m; i++) cur.add(slots.start(i));
        int every = spec.exchange().every();
        int round = 0;
        for (int t = 0; t < spec.burnIn(); t++) {
            for (int i = 0; i < m; i++) {
                if (dead[i] != null) continue;
                Kernel.Step<S> step = slots.step(i, cur.get(i));
                slots.adapt(i, t, step);
                cur.set(i, step.state());
            }
            if (exchange && (t + 1) % every == 0) swapRound(slots, cur, temperatures, round++, swapRng, null, dead);
        }
        for (int i = 0; i < m; i++) slots.endBurnIn(i);
        if (exchange) {
            tally.walkers = new Walkers(m);
            tally.walkers.visit(0, tally);
        }
        int total = spec.recorded() * spec.thin();
        for (int s = 1; s <= total; s++) {
            for (int i = 0; i < m; i++) {
                if (dead[i] != null) continue;
                Kernel.Step<S> step = slots.step(i, cur.get(i));
                acceptSums[i] += step.acceptance();
                S next = step.state();
                if (s % spec.thin() == 0) {
                    next = slots.exact(i, next);
                    String why = slots.record(i, next, s / spec.thin() - 1);
                    if (why != null) dead[i] = why + " at sampling step " + s;
                }
                cur.set(i, next);
            }
            if (exchange && s % every == 0) {
                swapRound(slots, cur, temperatures, round++, swapRng, tally, dead);
                tally.walkers.visit(s, tally);
            }
        }
    }

    /** One round of swaps between neighbours (i, i+1), i of the round's parity. */
    private static <S> void swapRound(Slots<S> slots, List<S> cur, double[] temperatures, int round,
                                      SplittableRandom rng, Tally tally, String[] dead) {
        for (int i = round % 2; i + 1 < cur.size(); i += 2) {
            if (dead[i] != null || dead[i + 1] != null) continue;
            S a = slots.exact(i, cur.get(i));
            S b = slots.exact(i + 1, cur.get(i + 1));
            cur.set(i, a);
            cur.set(i + 1, b);
            double logAccept = (1.0 / temperatures[i] - 1.0 / temperatures[i + 1]) * (slots.energy(a) - slots.energy(b));
            double u = rng.nextDouble();   // drawn for every pair, so the stream does not depend on outcomes
            if (tally != null) tally.attempts[i]++;
            if (logAccept >= 0 || u < Math.exp(logAccept)) {
                cur.set(i, b);
                cur.set(i + 1, a);
                if (tally != null) {
                    tally.accepts[i]++;
                }
                if (tally != null && tally.walkers != null) tally.walkers.swap(i);
            }
        }
    }

    /**
     * Which walker (state) stands at which temperature, and where each was last: a round trip is a walker's return to
     * the lowest temperature after it has reached the highest, timed from its previous arrival at the lowest.
     */
    static final class Walkers {
        final int[] at;      // walker at slot i
        final int[] phase;   // 0 not yet at the lowest, 1 left the lowest, 2 reached the highest since
        final long[] since;

        Walkers(int m) {
            at = new int[m];
            phase = new int[m];
            since = new long[m];
            for (int i = 0; i < m; i++) at[i] = i;
        }

        void swap(int i) {
            int w = at[i];
            at[i] = at[i + 1];
            at[i + 1] = w;
        }

        void visit(long step, Tally tally) {
            int bottom = at[0];
            if (phase[bottom] == 2) {
                tally.roundTrips++;
                tally.tripSteps += step - since[bottom];
            }
            if (phase[bottom] != 1) {
                phase[bottom] = 1;
                since[bottom] = step;
            }
            int top = at[at.length - 1];
            if (phase[top] == 1) phase[top] = 2;
        }
    }

    /** A family's way of building slots for a line and turning their records into cells. */
    abstract static class Family<S> {
        final SweepConfig config;
        final Line line;

        Family(SweepConfig config, Line line) {
            this.config = config;
            this.line = line;
        }

        /** Chain c's slots at {@code temperatures}, with the given per-slot stream seeds. */
        abstract Recording<S> slots(double[] temperatures, int chain, long[] seeds, SamplerSpec spec);

        /** The cells of the line at {@code temperatures} (grid points in {@code grid}, the rest ladder points). */
        List<CellRunner.Outcome> measure(List<Double> temperatures, java.util.Set<Double> grid, boolean exchange,
                                         String hash, long t0) {
            int m = temperatures.size();
            double[] temps = temperatures.stream().mapToDouble(Double::doubleValue).toArray();
            SamplerSpec spec = config.sampler();
            int k = spec.chains();
            Tally tally = new Tally(m);
            Series[] series = new Series[m];
            String[] diverged = new String[m];
            List<List<Moments>> thetaBlocks = new ArrayList<>();
            List<List<Moments>> gradBlocks = new ArrayList<>();
            double[] stepSize = new double[m];
            double[] startEnergy = new double[m];
            double[][][][] points = new double[m][k][][];
            List<List<SecondMoments>> scores = new ArrayList<>();
            for (int i = 0; i < m; i++) scores.add(new ArrayList<>());
            for (int i = 0; i < m; i++) {
                series[i] = new Series(k);
                thetaBlocks.add(new ArrayList<>());
                gradBlocks.add(new ArrayList<>());
            }
            for (int c = 0; c < k; c++) {
                long[] seeds = new long[m];
                for (int i = 0; i < m; i++) seeds[i] = line.at(temps[i]).chainSeed(config.seed(), c);
                Recording<S> rec = slots(temps, c, seeds, spec);
                String[] dead = new String[m];
                double[] acceptSums = new double[m];
                drive(rec, temps, spec, exchange, new SplittableRandom(line.exchangeSeed(config.seed(), c)), tally,
                        dead, acceptSums);
                tally.walkers = null;
                for (int i = 0; i < m; i++) {
                    if (diverged[i] != null) continue;
                    if (dead[i] != null) {
                        diverged[i] = (k > 1 ? "chain " + c + ": " : "") + dead[i] + " for T = " + temps[i];
                        continue;
                    }
                    double accept = rec.reportsAcceptance(i) ? acceptSums[i] / (spec.recorded() * spec.thin())
                            : Double.NaN;
                    int cut = series[i].add(c, rec.energies[i], rec.psi[i], rec.overlap[i], rec.genError[i],
                            rec.gradSquare[i], accept);
                    if (rec.points[i] != null) points[i][c] = rec.points[i];
                    if (rec.scores != null) scores.get(i).addAll(java.util.Arrays.asList(rec.scores[i]));
                    if (rec.theta[i] != null) {
                        thetaBlocks.get(i).addAll(rec.theta[i].from(cut));
                        gradBlocks.get(i).addAll(rec.gradient[i].from(cut));
                    }
                    if (c == 0) {
                        stepSize[i] = rec.stepSize(i);
                        startEnergy[i] = rec.startEnergy[i];
                    }
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9 / m;   // the line's time, shared by its cells
            List<CellRunner.Outcome> out = new ArrayList<>(m);
            for (int i = 0; i < m; i++) {
                CellKey key = line.at(temps[i]);
                long chainSeed = key.chainSeed(config.seed());
                Exchange x = tally.of(i, !grid.contains(temps[i]), exchange);
                if (diverged[i] != null) {
                    CellResult r = CellRunner.failed(config, key, hash, chainSeed, CellResult.DIVERGED, diverged[i],
                            t0, stepSize[i], trained());
                    out.add(new CellRunner.Outcome(r.withExchange(x, seconds), List.of()));
                    continue;
                }
                double t2 = temps[i] * temps[i];
                Estimate cParam = BlockedMoments.totalVariance(thetaBlocks.get(i)).times(1.0 / t2);
                Estimate cGrad = BlockedMoments.totalVariance(gradBlocks.get(i)).times(1.0 / t2);
                // Ladder points feed the reweighting only: their Fisher spectrum (about 10% of a cell) is skipped.
                Fisher fisher = fisher(key, series[i], grid.contains(temps[i]) ? points[i] : null, scores.get(i));
                out.add(outcome(series[i], key, hash, chainSeed, stepSize[i], startEnergy[i], cParam, cGrad, fisher,
                        x, seconds));
            }
            return out;
        }

        abstract CellRunner.Outcome outcome(Series series, CellKey key, String hash, long chainSeed, double stepSize,
                                            double startEnergy, Estimate cParam, Estimate cGrad, Fisher fisher,
                                            Exchange x, double seconds);

        /**
         * The cell's Fisher-information columns from its series, its chains' Hessian points ([chain][point]) and the
         * score's second moments per block (empty when not computed).
         */
        abstract Fisher fisher(CellKey key, Series series, double[][][] points, List<SecondMoments> scores);

        /** The line's trained theta* (null for spin families). */
        abstract Trainer.Result trained();
    }

    /** Slots that record the series the estimators consume, per slot. */
    abstract static class Recording<S> implements Slots<S> {
        final double[][] energies;
        final double[][] psi;
        final double[][] overlap;
        final double[][] genError;
        final BlockedMoments[] theta;
        final BlockedMoments[] gradient;
        /** |grad U|^2 per recorded sample, U the potential the slot samples (continuous families). */
        final double[][] gradSquare;
        /** The positions at which the Fisher spectrum's Hessians are taken, [slot][point] (continuous, fisher_top > 0). */
        final double[][][] points;
        /** &lt;grad U grad U^T&gt; over blocks of the recording's second half, [slot][block] (null: not computed). */
        SecondMoments[][] scores;
        final double[] startEnergy;

        Recording(int m, int samples, boolean hasOverlap, boolean hasGenError, int dim) {
            energies = new double[m][samples];
            psi = new double[m][samples];
            overlap = new double[m][];
            genError = new double[m][];
            theta = new BlockedMoments[m];
            gradient = new BlockedMoments[m];
            startEnergy = new double[m];
            gradSquare = new double[m][];
            points = new double[m][][];
            for (int i = 0; i < m; i++) {
                if (dim > 0) gradSquare[i] = new double[samples];
                if (hasOverlap) overlap[i] = new double[samples];
                if (hasGenError) genError[i] = new double[samples];
                if (dim > 0) {
                    theta[i] = new BlockedMoments(samples, dim);
                    gradient[i] = new BlockedMoments(samples, dim);
                }
            }
        }

        double stepSize(int i) {
            return Double.NaN;
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Continuous weights: linear, mlp, deep-linear (MALA, HMC, SGLD).

    static final class ContinuousLine extends Family<State> {
        final Model model;
        final Trainer.Result trained;
        final Overlap overlapOf;
        final Prior prior;

        ContinuousLine(SweepConfig config, Line line, Dataset userData) {
            super(config, line);
            CellKey any = line.at(config.grid().temperatures().get(0));
            CellRunner.Prepared prepared = CellRunner.prepare(config, any, userData);
            this.model = prepared.model();
            this.trained = prepared.trained();
            this.overlapOf = Overlap.of(config, any, model, userData != null);
            this.prior = new Prior(config.prior());
        }

        @Override
        Trainer.Result trained() {
            return trained;
        }

        @Override
        Recording<State> slots(double[] temperatures, int chain, long[] seeds, SamplerSpec spec) {
            return new ContinuousSlots(this, temperatures, chain, seeds, spec);
        }

        @Override
        CellRunner.Outcome outcome(Series series, CellKey key, String hash, long chainSeed, double stepSize,
                                   double startEnergy, Estimate cParam, Estimate cGrad, Fisher fisher, Exchange x,
                                   double seconds) {
            return series.outcome(config, key, hash, chainSeed, model.dim(), stepSize, trained.energy(),
                    trained.iterations(), trained.converged(), startEnergy, cParam, cGrad, fisher, x, seconds);
        }

        /**
         * Tr I from &lt;|grad V|^2&gt; - gamma d (V = U + gamma/2 |theta - theta*|^2 is what the chains sample, and
         * &lt;grad^2 V&gt; = &lt;grad V grad V^T&gt; under exp(-V)); the spectrum from Hessians of U without the
         * localisation at the chains' points.
         */
        @Override
        Fisher fisher(CellKey key, Series series, double[][][] points, List<SecondMoments> scores) {
            Estimate g2 = series.gradSquareMean();
            double gamma = config.sampler().localization();
            Estimate trace = new Estimate(g2.value() - gamma * model.dim(), g2.error());
            int k = Math.min(config.sampler().fisherTop(), model.dim());
            if (k == 0 || points == null) return new Fisher(trace, List.of(), Estimate.NONE);
            for (double[][] p : points) if (p == null) return new Fisher(trace, List.of(), Estimate.NONE);
            org.calorimeter.core.sampler.Potential u =
                    new org.calorimeter.core.sampler.Potential(model, prior, key.temperature());
            List<Estimate> top = FisherSpectrum.top(u::valueAndGradient, points, k,
                    new SplittableRandom(Seeds.derive(key.chainSeed(config.seed()), "fisher")));
            Estimate effDim = Estimate.NONE;
            if (!scores.isEmpty()) {
                double[][][] groups = new double[scores.size()][][];
                for (int g = 0; g < groups.length; g++) groups[g] = scores.get(g).mean();
                effDim = FisherSpectrum.effectiveDimension(groups, prior.precision(), gamma);
            }
            return new Fisher(trace, top, effDim);
        }
    }

    static final class ContinuousSlots extends Recording<State> {
        final ContinuousLine line;
        final SamplerSpec spec;
        final org.calorimeter.core.sampler.Potential[] potentials;
        final ContinuousKernel[] kernels;
        final SplittableRandom[] rngs;
        final long[] seeds;
        final double[] logH;
        final double[][] starts;
        final double[] gradU;

        ContinuousSlots(ContinuousLine family, double[] temperatures, int chain, long[] seeds, SamplerSpec spec) {
            super(temperatures.length, spec.recorded(), family.overlapOf != null, false, family.model.dim());
            this.line = family;
            this.spec = spec;
            int m = temperatures.length;
            this.seeds = seeds;
            potentials = new org.calorimeter.core.sampler.Potential[m];
            kernels = new ContinuousKernel[m];
            rngs = new SplittableRandom[m];
            logH = new double[m];
            starts = new double[m][];
            gradU = new double[family.model.dim()];
            int d = family.model.dim();
            if (spec.fisherTop() > 0 && d <= FisherSpectrum.DENSE_LIMIT) {
                scores = new SecondMoments[m][spec.fisherBlocksPerChain(d, m)];
                for (SecondMoments[] slot : scores) for (int b = 0; b < slot.length; b++) slot[b] = new SecondMoments(d);
            }
            // Chain 0 starts from theta*; the others from minima trained from their own initialisations.
            double[] thetaStar = chain == 0 ? family.trained.theta()
                    : CellRunner.trained(family.config, family.line.at(temperatures[0]), family.model, chain).theta();
            for (int i = 0; i < m; i++) {
                potentials[i] = new org.calorimeter.core.sampler.Potential(family.model, family.prior, temperatures[i],
                        spec.localization(), family.trained.theta());
                rngs[i] = new SplittableRandom(seeds[i]);
                double h = spec.autoStep() ? potentials[i].initialStepSize() : spec.stepSize();
                kernels[i] = switch (spec.kind()) {
                    case HMC -> new HmcKernel(spec.autoStep() ? HmcKernel.fromMalaStep(h) : h, spec.leapfrog());
                    case SGLD -> spec.autoStep() ? new MalaKernel(h) : new SgldKernel(h, spec.batchSize());
                    default -> new MalaKernel(h);
                };
                logH[i] = Math.log(kernels[i].stepSize());
                starts[i] = CellRunner.modeOf(potentials[i], thetaStar, family.config);
                startEnergy[i] = family.model.energy(starts[i]);
            }
        }

        @Override
        public State start(int i) {
            return potentials[i].state(starts[i]);
        }

        @Override
        public Kernel.Step<State> step(int i, State s) {
            return kernels[i].step(s, potentials[i], rngs[i]);
        }

        /**
         * With {@code step_size: auto} the step size follows a Robbins-Monro recursion on log h towards the kernel's
         * target acceptance, gain (t+1)^-0.6 (decaying, so it settles), and is frozen when burn-in ends.
         */
        @Override
        public void adapt(int i, int t, Kernel.Step<State> step) {
            if (!spec.autoStep() || !kernels[i].adaptable()) return;
            logH[i] += Math.pow(t + 1.0, -0.6) * (step.acceptance() - kernels[i].targetAcceptance());
            kernels[i].setStepSize(Math.exp(logH[i]));
        }

        /** With {@code step_size: auto}, SGLD burns in as MALA and then continues as SGLD at a fraction of its step. */
        @Override
        public void endBurnIn(int i) {
            if (spec.kind() == SamplerKind.SGLD && spec.autoStep()) {
                kernels[i] = new SgldKernel(kernels[i].stepSize() * CellRunner.SGLD_AUTO_FRACTION, spec.batchSize());
                rngs[i] = new SplittableRandom(Seeds.derive(seeds[i], "sgld"));
            }
        }

        @Override
        public State exact(int i, State s) {
            return ContinuousKernel.exact(s, potentials[i]);
        }

        @Override
        public double energy(State s) {
            return s.energy();
        }

        @Override
        public String record(int i, State s, int index) {
            double e = s.energy();
            if (CellRunner.runaway(e, startEnergy[i], line.model.dataSize())) {
                return "energy " + e + ": the step size " + kernels[i].stepSize() + " is too large";
            }
            double[] position = s.theta();
            energies[i][index] = e;
            psi[i][index] = CellRunner.orderParameter(position, position.length);
            if (overlap[i] != null) overlap[i][index] = line.overlapOf.of(position);
            theta[i].add(index, position);
            gradient[i].add(index, s.gradient());
            potentials[i].value(s, gradU);
            double g2 = 0;
            for (double g : gradU) g2 += g * g;
            gradSquare[i][index] = g2;
            if (scores != null && index >= spec.recorded() / 2) {
                int n = spec.recorded();
                int blocks = scores[i].length;
                scores[i][(int) ((long) (index - n / 2) * blocks / (n - n / 2))].add(gradU);
            }
            int point = fisherPoint(index);
            if (point >= 0) {
                if (points[i] == null) points[i] = new double[spec.fisherPointsPerChain()][];
                points[i][point] = position.clone();
            }
            return null;
        }

        /**
         * Which Fisher Hessian point the recorded sample {@code index} is (-1: none): P points at the ends of P equal
         * stretches of the recording's second half, so the last sample is always one.
         */
        int fisherPoint(int index) {
            int per = spec.fisherPointsPerChain();
            int n = spec.recorded();
            if (spec.fisherTop() == 0 || index < n / 2) return -1;
            for (int j = 0; j < per; j++) {
                if (index == n - 1 - (long) (per - 1 - j) * (n - n / 2) / per) return j;
            }
            return -1;
        }

        @Override
        public boolean reportsAcceptance(int i) {
            return kernels[i].adaptable();
        }

        @Override
        double stepSize(int i) {
            return kernels[i].stepSize();
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Automatic ladder.

    /**
     * The grid temperatures plus the temperatures inserted between neighbours so that every neighbour pair's predicted
     * swap acceptance reaches the target. A pilot run (the burn-in's length, no exchange, its own streams) measures
     * C = Var(E)/T^2 at the grid temperatures from the second half of its samples. For neighbouring Gaussian energy
     * distributions the swap acceptance is erfc(l/2) with l = sqrt(C) dT/T the thermodynamic length between them, so a
     * segment of length L = int sqrt(C) dlnT (trapezoid in ln T) gets ceil(L / l*) intervals, l* = 2 erfcinv(target),
     * spaced at equal steps of the interpolated length (the constant-thermodynamic-speed rule dT ~ T/sqrt(C)). At most
     * {@code exchange.max_temperatures} temperatures: past that the intervals are scaled down evenly.
     */
    static List<Double> ladder(SweepConfig config, Line line, List<Double> grid, Family<?> family) {
        SamplerSpec spec = config.sampler();
        int half = Math.max(50, spec.burnIn() / 2);
        SamplerSpec pilot = new SamplerSpec(spec.kind(), spec.stepSize(), half, half, 1, spec.batchSize(), 1, 0,
                spec.localization(), spec.leapfrog(), ExchangeSpec.OFF, 0);
        int m = grid.size();
        double[] temps = grid.stream().mapToDouble(Double::doubleValue).toArray();
        long[] seeds = new long[m];
        for (int i = 0; i < m; i++) seeds[i] = Seeds.derive(line.ladderSeed(config.seed()), "pilot", i);
        Recording<?> rec = family.slots(temps, 0, seeds, pilot);
        String[] dead = new String[m];
        drive(rec, temps, pilot, false, new SplittableRandom(line.ladderSeed(config.seed())), new Tally(m), dead,
                new double[m]);
        double[] rootC = new double[m];
        for (int i = 0; i < m; i++) {
            double[] e = rec.energies[i];
            double mean = 0;
            for (double v : e) mean += v / e.length;
            double var = 0;
            for (double v : e) var += (v - mean) * (v - mean) / (e.length - 1);
            rootC[i] = dead[i] == null && Double.isFinite(var) ? Math.sqrt(var) / temps[i] : Double.NaN;
        }
        return ladder(temps, rootC, spec.exchange().target(), spec.exchange().maxTemperatures());
    }

    /** The ladder from sqrt(C) at the grid temperatures (NaN: unknown, that segment keeps its ends only). */
    static List<Double> ladder(double[] temps, double[] rootC, double target, int max) {
        int m = temps.length;
        double step = 2.0 * Erf.erfcInv(target);
        int[] intervals = new int[m - 1];
        double[] length = new double[m - 1];
        int total = 1;
        for (int i = 0; i + 1 < m; i++) {
            length[i] = 0.5 * (rootC[i] + rootC[i + 1]) * Math.log(temps[i + 1] / temps[i]);
            intervals[i] = Double.isFinite(length[i]) ? Math.max(1, (int) Math.ceil(length[i] / step)) : 1;
            total += intervals[i];
        }
        if (total > max) {
            double scale = (double) (max - m) / (total - m);
            total = 1;
            for (int i = 0; i + 1 < m; i++) {
                intervals[i] = 1 + (int) Math.floor((intervals[i] - 1) * scale);
                total += intervals[i];
            }
        }
        List<Double> out = new ArrayList<>(total);
        for (int i = 0; i + 1 < m; i++) {
            out.add(temps[i]);
            double a = rootC[i];
            double b = rootC[i + 1];
            double logSpan = Math.log(temps[i + 1] / temps[i]);
            for (int j = 1; j < intervals[i]; j++) {
                double f = (double) j / intervals[i];
                // sqrt(C) linear in x = ln T / ln(T_b / T_a) on [0, 1]: the length up to x is a x + (b - a) x^2 / 2;
                // solve for the x that holds the fraction f of the segment's length.
                double x = f;
                if (Double.isFinite(a) && Double.isFinite(b) && Math.abs(b - a) > 1e-12 * (a + b)) {
                    double target2 = f * 0.5 * (a + b);
                    x = (-a + Math.sqrt(a * a + 2 * (b - a) * target2)) / (b - a);
                }
                out.add(temps[i] * Math.exp(x * logSpan));
            }
        }
        out.add(temps[m - 1]);
        return out;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Binary weights: ising-2d, curie-weiss, ising-perceptron (Metropolis, Wolff).

    static final class SpinLine extends Family<org.calorimeter.core.model.SpinModel.State> {
        final org.calorimeter.core.model.SpinModel model;
        final org.calorimeter.core.model.IsingPerceptron perceptron;

        SpinLine(SweepConfig config, Line line) {
            super(config, line);
            this.model = SpinSlots.model(config, line);
            this.perceptron = model instanceof org.calorimeter.core.model.IsingPerceptron p ? p : null;
        }

        @Override
        Trainer.Result trained() {
            return null;
        }

        @Override
        Recording<org.calorimeter.core.model.SpinModel.State> slots(double[] temperatures, int chain, long[] seeds,
                                                                    SamplerSpec spec) {
            return new SpinSlots(this, temperatures, chain, seeds, spec);
        }

        @Override
        CellRunner.Outcome outcome(Series series, CellKey key, String hash, long chainSeed, double stepSize,
                                   double startEnergy, Estimate cParam, Estimate cGrad, Fisher fisher, Exchange x,
                                   double seconds) {
            return series.outcome(config, key, hash, chainSeed, model.size(), Double.NaN, Double.NaN, 0, false,
                    startEnergy, Estimate.NONE, Estimate.NONE, fisher, x, seconds);
        }

        /** Binary weights have no gradient or Hessian: the Fisher information of a discrete posterior is undefined. */
        @Override
        Fisher fisher(CellKey key, Series series, double[][][] points, List<SecondMoments> scores) {
            return Fisher.NONE;
        }
    }

    /** The spin model of a line (the anneal command anneals fresh chains on it). */
    public static org.calorimeter.core.model.SpinModel spinModel(SweepConfig config, Line line) {
        return SpinSlots.model(config, line);
    }
}
