package org.calorimeter.core.cell;

import java.util.SplittableRandom;
import org.calorimeter.core.config.Family;
import org.calorimeter.core.config.SamplerKind;
import org.calorimeter.core.config.SamplerSpec;
import org.calorimeter.core.config.SweepConfig;
import org.calorimeter.core.model.CurieWeiss;
import org.calorimeter.core.model.Ising2D;
import org.calorimeter.core.model.IsingPerceptron;
import org.calorimeter.core.model.SpinModel;
import org.calorimeter.core.sampler.Kernel;
import org.calorimeter.core.sampler.MetropolisKernel;
import org.calorimeter.core.sampler.SpinPotential;
import org.calorimeter.core.sampler.WolffKernel;

/**
 * The slots of a binary-weight line (ising-2d, curie-weiss, ising-perceptron). There is no training and no gradient:
 * chain 0 of the Ising and Curie-Weiss systems starts from the ground state (all +1), every other chain (and every
 * perceptron chain) from random spins, so several chains start dispersed. A step is one sweep. train_energy, llc,
 * c_param and c_grad are NaN (docs/columns.md says why).
 */
final class SpinSlots extends LineRunner.Recording<SpinModel.State> {
    private final SpinModel model;
    private final IsingPerceptron perceptron;
    private final SpinPotential[] potentials;
    private final Kernel<SpinModel.State, SpinPotential>[] kernels;
    private final WolffKernel.WolffTuning[] tuning;
    private final SplittableRandom[] rngs;
    private final byte[] start;
    private final boolean wolff;

    @SuppressWarnings("unchecked")
    SpinSlots(LineRunner.SpinLine family, double[] temperatures, int chain, long[] seeds, SamplerSpec spec) {
        super(temperatures.length, spec.recorded(), family.perceptron != null, family.perceptron != null, 0);
        this.model = family.model;
        this.perceptron = family.perceptron;
        int m = temperatures.length;
        int n = model.size();
        this.wolff = spec.kind() == SamplerKind.WOLFF;
        start = chain == 0 && family.config.model().family() != Family.ISING_PERCEPTRON ? SpinModel.allUp(n)
                : SpinModel.random(n, new SplittableRandom(family.line.initSeed(family.config.seed(), chain)));
        potentials = new SpinPotential[m];
        kernels = new Kernel[m];
        tuning = new WolffKernel.WolffTuning[m];
        rngs = new SplittableRandom[m];
        for (int i = 0; i < m; i++) {
            potentials[i] = new SpinPotential(model, temperatures[i]);
            kernels[i] = wolff ? new WolffKernel(0) : new MetropolisKernel();
            tuning[i] = new WolffKernel.WolffTuning();
            rngs[i] = new SplittableRandom(seeds[i]);
        }
    }

    static SpinModel model(SweepConfig config, Line line) {
        return switch (config.model().family()) {
            case ISING_2D -> new Ising2D(line.width());
            case CURIE_WEISS -> new CurieWeiss(line.width());
            case ISING_PERCEPTRON -> IsingPerceptron.generate(config.seed(), line.replica(), line.width(),
                    line.dataSize(), config.model().labelNoise());
            default -> throw new IllegalArgumentException(config.model().family().key() + " has continuous weights");
        };
    }

    @Override
    public SpinModel.State start(int i) {
        SpinModel.State s = model.start(start);
        startEnergy[i] = s.energy();
        return s;
    }

    @Override
    public Kernel.Step<SpinModel.State> step(int i, SpinModel.State s) {
        return kernels[i].step(s, potentials[i], rngs[i]);
    }

    @Override
    public void adapt(int i, int t, Kernel.Step<SpinModel.State> step) {
        if (wolff) tuning[i].add(step);
    }

    /** Wolff: a fixed number of clusters per sweep from here on, chosen from the burn-in's mean cluster size. */
    @Override
    public void endBurnIn(int i) {
        if (wolff) kernels[i] = new WolffKernel(tuning[i].clustersPerStep(model.size()));
    }

    @Override
    public SpinModel.State exact(int i, SpinModel.State s) {
        return s;
    }

    @Override
    public double energy(SpinModel.State s) {
        return s.energy();
    }

    @Override
    public String record(int i, SpinModel.State s, int index) {
        energies[i][index] = s.energy();
        psi[i][index] = Math.abs(s.magnetisation()) / (double) model.size();
        if (perceptron != null) {
            overlap[i][index] = perceptron.overlap(s.spins());
            genError[i][index] = IsingPerceptron.generalisationError(overlap[i][index]);
        }
        return null;
    }

    @Override
    public boolean reportsAcceptance(int i) {
        return true;   // Metropolis: the accepted fraction; Wolff: NaN (rejection-free)
    }
}
