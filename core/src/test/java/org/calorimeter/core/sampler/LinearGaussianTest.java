package org.calorimeter.core.sampler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.calorimeter.core.cell.CellKey;
import org.calorimeter.core.cell.CellResult;
import org.calorimeter.core.cell.CellRunner;
import org.calorimeter.core.config.ConfigLoader;
import org.calorimeter.core.config.SweepConfig;
import org.calorimeter.core.exact.LinearGaussianExact;
import org.calorimeter.core.model.Dataset;
import org.calorimeter.core.model.TeacherStudentData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Linear regression with an untempered Gaussian prior N(0, s^2 I) has a closed-form heat capacity. In the eigenbasis
 * of X^T X (eigenvalues h_i, least-squares weights w_i), with r_i = h_i s^2 / (h_i s^2 + T):
 * C(T) = sum_i [ r_i^2 / 2 + h_i r_i (1 - r_i)^2 w_i^2 / T ].
 * With s^2 well below the teacher's w_i^2 the second term makes a peak (prior-data conflict), so this checks the
 * prior's handling, the temperature convention and the peak region at once.
 */
class LinearGaussianTest {
    static final double SIGMA = 0.1;
    static final SweepConfig CONFIG = ConfigLoader.parse("""
            name: linear-gaussian
            seed: 21
            model: {family: linear, input_dim: 4, label_noise: 0.3}
            prior: {sigma: %s}
            grid: {data_size: [40], temperature: [0.03, 0.1, 0.3, 1.0, 3.0]}
            sampler: {kind: mala, burn_in: 2000, steps: 40000}
            """.formatted(SIGMA));

    /** The closed form for the cell's own data set. */
    static double exactHeatCapacity(Dataset data, double sigma, double temperature) {
        return LinearGaussianExact.heatCapacity(data, sigma, temperature);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.03, 0.1, 0.3, 1.0, 3.0})
    void heatCapacityMatchesTheClosedForm(double temperature) {
        CellResult r = CellRunner.run(CONFIG, new CellKey(4, 40, temperature, 0), CONFIG.hash());
        assertEquals(CellResult.OK, r.status(), r.message());
        Dataset data = TeacherStudentData.generate(CONFIG.seed(), 0, CONFIG.model(), 40);
        double exact = exactHeatCapacity(data, SIGMA, temperature);
        // 4 standard errors per temperature: a false alarm has probability 6e-5 each.
        assertEquals(exact, r.cFluct().value(), 4 * r.cFluct().error(),
                String.format("T = %s: exact %.4f, measured %.4f +- %.4f", temperature, exact, r.cFluct().value(), r.cFluct().error()));
        assertTrue(r.cFluct().error() < 0.1 * exact, "relative error below 10%");
    }

    /**
     * Error-bar honesty: over 200 independent replicas (each its own teacher, data and chain) of the cell at the peak,
     * the fraction whose exact C lies within 2 reported standard errors must be near 95.4%. With 200 draws the
     * binomial standard deviation is 1.5%, so [0.90, 0.99] spans -3.6 to +2.4 of them: too-small errors show up as
     * a low fraction, too-large ones as a high fraction.
     */
    @Test
    void twoErrorBarsCoverTheExactValueAbout95PercentOfTheTime() {
        int replicas = 200;
        int covered = 0;
        double sumZ2 = 0;
        SweepConfig config = ConfigLoader.parse(CONFIG.toYaml().replace("steps: 40000", "steps: 20000"));
        for (int r = 0; r < replicas; r++) {
            CellResult cell = CellRunner.run(config, new CellKey(4, 40, 0.1, r), config.hash());
            Dataset data = TeacherStudentData.generate(config.seed(), r, config.model(), 40);
            double z = (cell.cFluct().value() - exactHeatCapacity(data, SIGMA, 0.1)) / cell.cFluct().error();
            if (Math.abs(z) <= 2) covered++;
            sumZ2 += z * z;
        }
        double fraction = (double) covered / replicas;
        System.out.printf("error-bar honesty: %d/%d within 2 errors, mean z^2 = %.3f%n", covered, replicas,
                sumZ2 / replicas);
        assertTrue(fraction >= 0.90 && fraction <= 0.99, "fraction within 2 errors: " + fraction);
    }
}
