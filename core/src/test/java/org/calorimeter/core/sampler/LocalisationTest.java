package org.calorimeter.core.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.calorimeter.core.cell.CellKey;
import org.calorimeter.core.cell.CellResult;
import org.calorimeter.core.cell.CellRunner;
import org.calorimeter.core.config.ConfigLoader;
import org.calorimeter.core.config.SweepConfig;
import org.calorimeter.core.model.Dataset;
import org.calorimeter.core.model.TeacherStudentData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Localisation gamma/2 |theta - theta*|^2 (untempered, like the prior) on the linear model with a flat prior: p is
 * Gaussian with precision H/T + gamma I around theta*, so E - E* = 1/2 delta^T H delta has
 * Var = 1/2 tr((H S)^2), S = (H/T + gamma)^-1, and C = Var/T^2 = 1/2 sum_i (h_i / (h_i + gamma T))^2. gamma = 0 gives
 * d/2; a strong localisation freezes the stiff-less directions. MALA within 4 of its own errors (a false alarm has
 * probability 6e-5 per case).
 */
class LocalisationTest {
    @ParameterizedTest
    @CsvSource({"mala, 1.0, 20.0", "mala, 1.0, 200.0", "mala, 0.1, 500.0"})
    void localisedHeatCapacityMatchesItsClosedForm(String kind, double t, double gamma) {
        SweepConfig c = ConfigLoader.parse("""
                name: localised
                seed: 3
                model: {family: linear, input_dim: 6, label_noise: 0.5}
                grid: {data_size: [50], temperature: [%s]}
                sampler: {kind: %s, burn_in: 1000, steps: 20000, localization: %s}
                """.formatted(t, kind, gamma));
        CellResult r = CellRunner.run(c, new CellKey(6, 50, t, 0), c.hash());
        assertEquals(CellResult.OK, r.status(), r.message());
        Dataset data = TeacherStudentData.generate(c.seed(), 0, c.model(), 50);
        double[][] h = new double[6][6];
        for (int i = 0; i < 50; i++) {
            for (int j = 0; j < 6; j++) {
                for (int k = 0; k < 6; k++) h[j][k] += data.inputs()[i * 6 + j] * data.inputs()[i * 6 + k];
            }
        }
        double exact = 0;
        for (double hi : new EigenDecomposition(new Array2DRowRealMatrix(h)).getRealEigenvalues()) {
            double f = hi / (hi + gamma * t);
            exact += 0.5 * f * f;
        }
        String text = "gamma = " + gamma + ", T = " + t + ": C = " + r.cFluct().value() + " +- " + r.cFluct().error() + " vs " + exact;
        System.out.println(text);
        assertTrue(exact < 2.9, "the localisation changes C noticeably (d/2 = 3): " + exact);
        assertEquals(exact, r.cFluct().value(), 4 * r.cFluct().error(), text);
    }
}
