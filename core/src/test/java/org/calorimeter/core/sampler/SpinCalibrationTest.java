package org.calorimeter.core.sampler;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.calorimeter.core.estimator.Autocorrelation;
import org.calorimeter.core.estimator.Estimate;
import org.calorimeter.core.estimator.FluctuationEstimator;
import org.calorimeter.core.exact.CurieWeissExact;
import org.calorimeter.core.exact.IsingExact;
import org.calorimeter.core.model.CurieWeiss;
import org.calorimeter.core.model.Ising2D;
import org.calorimeter.core.model.SpinModel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Spin samplers against exact answers, in units of the reported error (pymbar's rule): |z| < 3, and within a relative
 * tolerance of 5%, which is several error bars at these chain lengths (a bias that large would be a broken sampler).
 */
class SpinCalibrationTest {
    static final double Z_MAX = 3.0;

    static double[] energies(SpinChain s, int burnIn, int sweeps) {
        for (int i = 0; i < burnIn; i++) s.sweep();
        s.freeze();
        double[] e = new double[sweeps];
        for (int i = 0; i < sweeps; i++) {
            s.sweep();
            e[i] = s.state().energy();
        }
        return e;
    }

    static void check(String what, Estimate measured, double exact) {
        double z = (measured.value() - exact) / measured.error();
        String text = what + ": " + measured + " vs exact " + exact + " (z = " + z + ")";
        System.out.println(text);
        assertTrue(Math.abs(z) < Z_MAX, text);
        assertTrue(Math.abs(measured.value() / exact - 1) < 0.05, text);
    }

    @ParameterizedTest
    @CsvSource({"wolff, 2.0, 20000", "wolff, 2.269185, 20000", "wolff, 2.6, 20000", "metropolis, 2.6, 40000"})
    void ising8AgainstKaufman(String kind, double t, int sweeps) {
        Ising2D model = new Ising2D(8);
        SplittableRandom rng = new SplittableRandom(11);
        byte[] start = SpinModel.allUp(model.size());
        SpinChain s = kind.equals("wolff") ? SpinChain.wolff(model, start, t, rng)
                : SpinChain.metropolis(model, start, t, rng);
        double[] e = energies(s, 1000, sweeps);
        FluctuationEstimator.Result r = FluctuationEstimator.of(e, t);
        check("L=8 " + kind + " T=" + t + " C", r.heatCapacity(), IsingExact.heatCapacity(8, t));
        Autocorrelation a = r.energy();
        check("L=8 " + kind + " T=" + t + " <E>", new Estimate(a.mean(), a.meanError()), IsingExact.energy(8, t));
    }

    @ParameterizedTest
    @CsvSource({"0.8", "1.0", "1.3"})
    void curieWeiss100AgainstExactSum(double t) {
        CurieWeiss model = new CurieWeiss(100);
        SpinChain s = SpinChain.metropolis(model, SpinModel.allUp(100), t, new SplittableRandom(5));
        int sweeps = 40000;
        for (int i = 0; i < 1000; i++) s.sweep();
        s.freeze();
        double[] e = new double[sweeps];
        double[] psi = new double[sweeps];
        for (int i = 0; i < sweeps; i++) {
            s.sweep();
            e[i] = s.state().energy();
            psi[i] = Math.abs(s.state().magnetisation()) / 100.0;
        }
        CurieWeissExact.Values exact = CurieWeissExact.at(100, t);
        check("CW N=100 T=" + t + " C", FluctuationEstimator.of(e, t).heatCapacity(), exact.heatCapacity());
        Autocorrelation p = Autocorrelation.of(psi);
        check("CW N=100 T=" + t + " psi", new Estimate(p.mean(), p.meanError()), exact.psi());
        check("CW N=100 T=" + t + " chi", FluctuationEstimator.of(psi, t).variance().times(100.0 / t),
                exact.susceptibility());
    }
}
