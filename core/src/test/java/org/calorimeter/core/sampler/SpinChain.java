package org.calorimeter.core.sampler;

import java.util.SplittableRandom;
import org.calorimeter.core.model.Ising2D;
import org.calorimeter.core.model.SpinModel;

/** A single spin chain for the tests: a kernel, its state and stream, with Wolff's burn-in tuning outside the kernel. */
final class SpinChain {
    private final SpinPotential potential;
    private final SplittableRandom rng;
    private final boolean wolff;
    private final WolffKernel.WolffTuning tuning = new WolffKernel.WolffTuning();
    private Kernel<SpinModel.State, SpinPotential> kernel;
    private final SpinModel.State state;

    private SpinChain(SpinModel model, byte[] start, double t, SplittableRandom rng, boolean wolff) {
        this.potential = new SpinPotential(model, t);
        this.rng = rng;
        this.wolff = wolff;
        this.kernel = wolff ? new WolffKernel(0) : new MetropolisKernel();
        this.state = model.start(start);
    }

    static SpinChain wolff(Ising2D model, byte[] start, double t, SplittableRandom rng) {
        return new SpinChain(model, start, t, rng, true);
    }

    static SpinChain metropolis(SpinModel model, byte[] start, double t, SplittableRandom rng) {
        return new SpinChain(model, start, t, rng, false);
    }

    void sweep() {
        Kernel.Step<SpinModel.State> step = kernel.step(state, potential, rng);
        if (wolff) tuning.add(step);
    }

    void freeze() {
        if (wolff) kernel = new WolffKernel(tuning.clustersPerStep(potential.model().size()));
    }

    SpinModel.State state() {
        return state;
    }
}
