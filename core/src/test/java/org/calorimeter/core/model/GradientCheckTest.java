package org.calorimeter.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.calorimeter.core.config.Family;
import org.calorimeter.core.config.ModelSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GradientCheckTest {

    /**
     * Central differences have truncation error O(eps^2 E''') and rounding error O(1e-16 E / eps); with eps = 1e-5
     * and E = O(10) both are below 1e-7 per component, so 1e-6 relative to the gradient's scale is a safe bound.
     */
    @ParameterizedTest
    @CsvSource({"linear, tanh, 1, 1, false", "linear, tanh, 1, 1, true", "mlp, tanh, 5, 1, false",
            "mlp, erf, 3, 1, false", "mlp, tanh, 1, 1, false", "mlp, relu, 4, 1, false", "mlp, tanh, 4, 3, false",
            "mlp, relu, 3, 2, false", "deep-linear, tanh, 3, 1, false", "deep-linear, tanh, 0, 1, false"})
    void gradientMatchesCentralDifferences(String family, String activation, int width, int depth, boolean bias) {
        ModelSpec spec = new ModelSpec(Family.parse("f", family), 6, Activation.parse("a", activation), 2, 0.1, bias,
                depth, java.util.List.of(6, 4, 5, 3), 2, null);
        Dataset data = TeacherStudentData.generate(11L, 0, spec, 40);
        Model model = TeacherStudentData.student(spec, width, data);
        SplittableRandom rng = new SplittableRandom(3);
        double[] theta = new double[model.dim()];
        for (int i = 0; i < theta.length; i++) theta[i] = rng.nextGaussian();
        double[] grad = new double[model.dim()];
        double e = model.energyAndGradient(theta, grad);
        assertEquals(model.energy(theta), e, 0.0, "energy with and without gradient");
        double scale = 0.0;
        for (double g : grad) scale = Math.max(scale, Math.abs(g));
        double eps = 1e-5;
        for (int i = 0; i < theta.length; i++) {
            double keep = theta[i];
            theta[i] = keep + eps;
            double up = model.energy(theta);
            theta[i] = keep - eps;
            double down = model.energy(theta);
            theta[i] = keep;
            double numeric = (up - down) / (2 * eps);
            assertEquals(numeric, grad[i], 1e-6 * scale, "component " + i);
        }
        assertTrue(scale > 0, "a random point has a non-zero gradient");
    }

    @ParameterizedTest
    @CsvSource({"-30", "-3", "-1e-9", "0", "0.5", "19.9", "25"})
    void fastTanhMatchesMathTanh(double z) {
        assertEquals(Math.tanh(z), Activation.TANH.value(z), 3e-16);
    }

    @ParameterizedTest
    @CsvSource({"mlp, 7", "linear, 1", "deep-linear, 3"})
    void minibatchEnergiesAddUpToTheFullBatch(String family, int width) {
        ModelSpec spec = new ModelSpec(Family.parse("f", family), 4, Activation.TANH, 2, 0.1, false, 1,
                java.util.List.of(4, 3, 2), 1, null);
        Dataset data = TeacherStudentData.generate(5L, 1, spec, 30);
        Model model = TeacherStudentData.student(spec, width, data);
        double[] theta = new double[model.dim()];
        java.util.Arrays.fill(theta, 0.3);
        int[] first = new int[15];
        int[] second = new int[15];
        for (int i = 0; i < 15; i++) {
            first[i] = 2 * i;
            second[i] = 2 * i + 1;
        }
        double parts = model.energyAndGradient(theta, null, first, 15) + model.energyAndGradient(theta, null, second, 15);
        assertEquals(model.energy(theta), parts, 1e-12 * model.energy(theta));
    }
}
