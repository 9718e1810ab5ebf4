package org.calorimeter.core.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.calorimeter.core.cell.CellKey;
import org.calorimeter.core.cell.CellResult;
import org.calorimeter.core.cell.CellRunner;
import org.calorimeter.core.config.ConfigLoader;
import org.calorimeter.core.config.SweepConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Equipartition: for the linear model with a flat prior, E is quadratic in theta, so p_T is Gaussian and
 * Var_T(E) = d T^2 / 2 exactly: C = d/2 at every temperature. MALA must reproduce it within its own error bars.
 */
class EquipartitionTest {
    static final SweepConfig CONFIG = ConfigLoader.parse("""
            name: equipartition
            seed: 3
            model: {family: linear, input_dim: 6, label_noise: 0.5}
            grid: {data_size: [50], temperature: [0.01, 1.0, 100.0]}
            sampler: {kind: mala, burn_in: 1000, steps: 20000}
            """);

    @ParameterizedTest
    @ValueSource(doubles = {0.01, 1.0, 100.0})
    void heatCapacityIsHalfTheParameterCount(double temperature) {
        CellResult r = CellRunner.run(CONFIG, new CellKey(6, 50, temperature, 0), CONFIG.hash());
        assertEquals(CellResult.OK, r.status(), r.message());
        // 4 standard errors: a false alarm has probability 6e-5 per temperature.
        assertEquals(3.0, r.cFluct().value(), 4 * r.cFluct().error(), "C = d/2 = 3");
        assertTrue(r.cFluct().error() < 0.1 * 3.0, "relative error below 10%: " + r.cFluct().error());
        assertTrue(r.acceptRate() > 0.4 && r.acceptRate() < 0.8, "adapted acceptance " + r.acceptRate());
        // The mean energy sits d T / 2 above the least-squares minimum: the local learning coefficient is d/2.
        assertEquals(r.trainEnergy() + 3.0 * temperature, r.energyMean().value(), 4 * r.energyMean().error());
        assertEquals(3.0, r.llc().value(), 4 * r.llc().error(), "LLC = d/2 for a regular model");
    }

    /**
     * The indirect estimators have closed forms here too. p_T is Gaussian with covariance T H^-1 (H = X^T X), and
     * grad E = H (theta - theta_hat) has covariance T H, so c_param = sum Var(theta_i)/T^2 = tr(H^-1)/T and
     * c_grad = sum Var(dE/dtheta_i)/T^2 = tr(H)/T: both fall as 1/T while C = d/2 stays put. They measure the
     * posterior's width and stiffness, not its heat capacity (docs/estimators.md).
     */
    @ParameterizedTest
    @ValueSource(doubles = {0.01, 1.0, 100.0})
    void indirectEstimatorsMatchTheirClosedForms(double temperature) {
        CellResult r = CellRunner.run(CONFIG, new CellKey(6, 50, temperature, 0), CONFIG.hash());
        org.calorimeter.core.model.Dataset data = org.calorimeter.core.model.TeacherStudentData.generate(
                CONFIG.seed(), 0, CONFIG.model(), 50);
        double[][] h = new double[6][6];
        for (int i = 0; i < 50; i++) {
            for (int j = 0; j < 6; j++) {
                for (int k = 0; k < 6; k++) h[j][k] += data.inputs()[i * 6 + j] * data.inputs()[i * 6 + k];
            }
        }
        org.apache.commons.math3.linear.RealMatrix hm = new org.apache.commons.math3.linear.Array2DRowRealMatrix(h);
        org.apache.commons.math3.linear.RealMatrix inverse =
                new org.apache.commons.math3.linear.CholeskyDecomposition(hm).getSolver().getInverse();
        double trace = hm.getTrace();
        double traceInverse = inverse.getTrace();
        // 4 jackknife errors (40 blocks of 500 samples, far longer than this chain's tau_int of a few samples).
        assertEquals(traceInverse / temperature, r.cParam().value(), 4 * r.cParam().error(), "c_param = tr(H^-1)/T");
        assertEquals(trace / temperature, r.cGrad().value(), 4 * r.cGrad().error(), "c_grad = tr(H)/T");
        assertTrue(r.cParam().error() < 0.1 * r.cParam().value() && r.cGrad().error() < 0.1 * r.cGrad().value(), "errors below 10%");
    }

    @Test
    void fourChainsFromDispersedStartsAgreeAndPool() {
        SweepConfig four = ConfigLoader.parse(CONFIG.toYaml().replace("chains: 1", "chains: 4"));
        assertEquals(4, four.sampler().chains());
        CellResult r = CellRunner.run(four, new CellKey(6, 50, 1.0, 0), four.hash());
        assertEquals(CellResult.OK, r.status(), r.message());
        assertEquals(4, r.chains());
        assertTrue(r.rhat() < 1.01, "R-hat " + r.rhat());
        assertEquals(3.0, r.cFluct().value(), 4 * r.cFluct().error(), "C = d/2 from the pooled chains");
        CellResult one = CellRunner.run(CONFIG, new CellKey(6, 50, 1.0, 0), CONFIG.hash());
        // Four chains of the same length: about half the error of one (each error is itself uncertain by ~10%).
        assertEquals(0.5, r.cFluct().error() / one.cFluct().error(), 0.15);
    }
}
