package org.calorimeter.core.cell;

import java.util.List;
import java.util.SplittableRandom;
import org.calorimeter.core.config.Family;
import org.calorimeter.core.config.SamplerKind;
import org.calorimeter.core.config.SamplerSpec;
import org.calorimeter.core.config.SweepConfig;
import org.calorimeter.core.estimator.Estimate;
import org.calorimeter.core.model.CurieWeiss;
import org.calorimeter.core.model.Ising2D;
import org.calorimeter.core.model.IsingPerceptron;
import org.calorimeter.core.model.SpinModel;
import org.calorimeter.core.sampler.MetropolisSampler;
import org.calorimeter.core.sampler.SpinSampler;
import org.calorimeter.core.sampler.WolffSampler;

/**
 * Cells of the binary-weight families: ising-2d, curie-weiss and ising-perceptron. There is no training and no
 * gradient: chain 0 of the Ising and Curie-Weiss systems starts from the ground state (all +1), every other chain (and
 * every perceptron chain) from random spins, so several chains start dispersed. Time is counted in sweeps.
 * train_energy, llc, c_param and c_grad are NaN (docs/columns.md says why).
 */
final class SpinCells {
    private SpinCells() {}

    static SpinModel model(SweepConfig config, CellKey key) {
        return switch (config.model().family()) {
            case ISING_2D -> new Ising2D(key.width());
            case CURIE_WEISS -> new CurieWeiss(key.width());
            case ISING_PERCEPTRON -> IsingPerceptron.generate(config.seed(), key.replica(), key.width(), key.dataSize(),
                    config.model().labelNoise());
            default -> throw new IllegalArgumentException(config.model().family().key() + " has continuous weights");
        };
    }

    static CellRunner.Outcome measure(SweepConfig config, CellKey key, String hash, long chainSeed, long t0) {
        SpinModel model = model(config, key);
        SamplerSpec spec = config.sampler();
        Family family = config.model().family();
        IsingPerceptron perceptron = model instanceof IsingPerceptron p ? p : null;
        int n = model.size();
        int k = spec.chains();
        CellRunner.Series series = new CellRunner.Series(k);
        double startEnergy = Double.NaN;
        for (int c = 0; c < k; c++) {
            byte[] start = c == 0 && family != Family.ISING_PERCEPTRON ? SpinModel.allUp(n)
                    : SpinModel.random(n, new SplittableRandom(key.initSeed(config.seed(), c)));
            SplittableRandom rng = new SplittableRandom(key.chainSeed(config.seed(), c));
            SpinSampler sampler = spec.kind() == SamplerKind.WOLFF
                    ? new WolffSampler((Ising2D) model, start, key.temperature(), rng)
                    : new MetropolisSampler(model, start, key.temperature(), rng);
            if (c == 0) startEnergy = sampler.state().energy();
            for (int s = 0; s < spec.burnIn(); s++) sampler.sweep();
            sampler.freeze();
            int samples = spec.recorded();
            double[] e = new double[samples];
            double[] psi = new double[samples];
            double[] r = perceptron == null ? null : new double[samples];
            double[] eps = perceptron == null ? null : new double[samples];
            double accept = 0;
            for (int s = 1, recorded = 0; s <= samples * spec.thin(); s++) {
                accept += sampler.sweep();
                if (s % spec.thin() != 0) continue;
                SpinModel.State state = sampler.state();
                e[recorded] = state.energy();
                psi[recorded] = Math.abs(state.magnetisation()) / (double) n;
                if (perceptron != null) {
                    r[recorded] = perceptron.overlap(state.spins());
                    eps[recorded] = IsingPerceptron.generalisationError(r[recorded]);
                }
                recorded++;
            }
            series.add(c, e, psi, r, eps, accept / (samples * spec.thin()));
        }
        Estimate none = new Estimate(Double.NaN, Double.NaN);
        return series.outcome(config, key, hash, chainSeed, n, Double.NaN, Double.NaN, 0, false, startEnergy, none,
                none, t0);
    }

}
