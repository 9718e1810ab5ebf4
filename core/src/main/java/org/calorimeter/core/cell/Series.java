package org.calorimeter.core.cell;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.calorimeter.core.config.SamplerSpec;
import org.calorimeter.core.config.SweepConfig;
import org.calorimeter.core.estimator.Autocorrelation;
import org.calorimeter.core.estimator.Equilibration;
import org.calorimeter.core.estimator.Estimate;
import org.calorimeter.core.estimator.FluctuationEstimator;
import org.calorimeter.core.estimator.RHat;
import org.calorimeter.core.estimator.SplitHalves;

/**
 * Every chain's recorded series after its detected equilibration point (which counts as burn-in), and from them
 * the cell's estimates and status. Shared by the Langevin and the spin cells.
 */
final class Series {
    final double[][] energies;
    final double[][] psi;
    final double[][] overlap;
    final double[][] genError;
    final double[][] gradSquare;
    final List<ChainTrace> traces = new ArrayList<>();
    int cut;
    double acceptRate;

    Series(int chains) {
        energies = new double[chains][];
        psi = new double[chains][];
        overlap = new double[chains][];
        genError = new double[chains][];
        gradSquare = new double[chains][];
    }

    /** Adds chain c (overlap, genError and gradSq, |grad U|^2, may be null); returns its equilibration cut. */
    int add(int c, double[] e, double[] p, double[] r, double[] eps, double[] gradSq, double accept) {
        int chainCut = Equilibration.detect(e).start();
        cut = Math.max(cut, chainCut);
        energies[c] = Arrays.copyOfRange(e, chainCut, e.length);
        psi[c] = Arrays.copyOfRange(p, chainCut, p.length);
        overlap[c] = r == null ? null : Arrays.copyOfRange(r, chainCut, r.length);
        genError[c] = eps == null ? null : Arrays.copyOfRange(eps, chainCut, eps.length);
        gradSquare[c] = gradSq == null ? null : Arrays.copyOfRange(gradSq, chainCut, gradSq.length);
        acceptRate += accept / energies.length;
        return chainCut;
    }

    void trace(int c, int traceLength) {
        if (traceLength > 0) traces.add(ChainTrace.thinned(c, energies[c], psi[c], traceLength));
    }

    /** R-hat above which a cell is unmixed whatever its errors say (Gelman and Rubin's original, lenient line). */
    static final double GROSS_RHAT = 1.1;
    /** p-value of the halves' agreement below which R-hat > 1.01 is not sampling noise. */
    static final double P_UNMIXED = 0.01;
    /** p-value below which the halves disagree beyond their errors even when R-hat is small (long, precise chains). */
    static final double P_UNMIXED_ALONE = 0.001;

    /**
     * Unmixed: R-hat beyond {@value #GROSS_RHAT}; or beyond {@link RHat#THRESHOLD} with the halves of E or of its
     * squared deviations disagreeing beyond their errors (p below {@value #P_UNMIXED}); or that disagreement alone at
     * p below {@value #P_UNMIXED_ALONE}. A NaN p-value (halves too short) leaves R-hat to decide alone.
     */
    static boolean unmixed(double rhat, double halves) {
        if (rhat > GROSS_RHAT) return true;
        if (Double.isNaN(halves)) return rhat > RHat.THRESHOLD;
        return (rhat > RHat.THRESHOLD && halves < P_UNMIXED) || halves < P_UNMIXED_ALONE;
    }

    /**
     * Whether E stayed within 1e-12 of its own magnitude over every chain: a continuous chain whose steps change E
     * only in its last bits has not sampled anything.
     */
    boolean frozen() {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] chain : energies) {
            for (double v : chain) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        return hi - lo <= 1e-12 * Math.max(Math.abs(hi), Math.abs(lo));
    }

    /** The mean of |grad U|^2 over every chain, with its error (NaN without gradients or with a chain missing). */
    Estimate gradSquareMean() {
        for (double[] g : gradSquare) if (g == null) return Estimate.NONE;
        return mean(gradSquare);
    }

    private static Estimate mean(double[][] chains) {
        if (chains[0] == null) return new Estimate(Double.NaN, Double.NaN);
        Autocorrelation a = Autocorrelation.of(chains);
        return new Estimate(a.mean(), a.meanError());
    }

    CellRunner.Outcome outcome(SweepConfig config, CellKey key, String hash, long chainSeed, int dim,
                               double stepSize, double trainEnergy, int trainIterations, boolean trainConverged,
                               double startEnergy, Estimate cParam, Estimate cGrad, Fisher fisher,
                               Exchange exchange, double seconds) {
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
        // The halves of E and of q = (E - mean)^2 (the series behind C), the smaller p-value of the two.
        double halves = Math.min(SplitHalves.pValue(energies), SplitHalves.pValue(fluct.squareSeries()));
        String status = CellResult.OK;
        String message = "";
        boolean continuous = !config.model().family().spins();
        if (!Double.isFinite(fluct.heatCapacity().value()) || !Double.isFinite(e.mean())) {
            status = CellResult.FAILED;
            message = String.format("non-finite estimate (C = %s, <E> = %s) at T = %s: E/T or Var(E)/T^2 is beyond what "
                    + "doubles hold; use temperatures within a few orders of magnitude of the energy scale",
                    fluct.heatCapacity().value(), e.mean(), t);
        } else if (continuous && (acceptRate == 0.0 || frozen())) {
            status = CellResult.STUCK;
            message = acceptRate == 0.0
                    ? String.format("no proposal was accepted (acceptance 0): the step size %.3g is too large; use "
                            + "step_size: auto or a smaller one", stepSize)
                    : String.format("the chain did not move (E constant over %d samples, acceptance %.3g): the step "
                            + "size %.3g is too small to change E in double precision; use step_size: auto",
                            e.n(), acceptRate, stepSize);
        } else if (Double.isNaN(e.tauInt())) {
            status = CellResult.SHORT_CHAIN;
            message = "the energy did not change during sampling: the spins stayed in one state (at low T, a ground "
                    + "state with a gap of many T; C there is 0 to within exp(-gap/T), and the cell has no error of "
                    + "its own)";
        } else if (!e.reliable() || !fluct.squares().reliable()) {
            status = CellResult.SHORT_CHAIN;
            message = String.format("chain too short for its autocorrelation: tau_int(E) >= %.1f, ESS = %.1f; "
                    + "errors are lower bounds (raise sampler.steps)", e.tauInt(), e.ess());
        } else if (unmixed(rhat, halves)) {
            status = CellResult.UNMIXED;
            message = String.format("split R-hat of E = %.3f and the chain halves disagree beyond their errors "
                    + "(p = %.2g): %s", rhat, halves, k > 1
                    ? "the chains disagree (different modes, or too short); errors are lower bounds"
                    : "the two halves of the chain disagree (still drifting); errors are lower bounds");
        }
        Estimate llc = new Estimate((e.mean() - trainEnergy) / t,
                Double.isNaN(trainEnergy) ? Double.NaN : e.meanError() / t);
        return new CellRunner.Outcome(new CellResult(key.modelName(config), key.width(), key.depth(), key.dataSize(), t,
                key.replica(), chainSeed, dim, spec.burnIn() + cut * spec.thin(), cut * spec.thin(), spec.steps(),
                spec.thin(), k, e.n(), stepSize, trainEnergy, trainIterations, trainConverged, startEnergy,
                new Estimate(e.mean(), e.meanError()), fluct.variance(), fluct.heatCapacity(), cParam, cGrad, llc,
                new Estimate(e.tauInt(), e.tauIntError()), e.ess(), rhat, new Estimate(p.mean(), p.meanError()), chi,
                r, eps, fisher, acceptRate, exchange, status, message, seconds, hash), traces);
    }
}
