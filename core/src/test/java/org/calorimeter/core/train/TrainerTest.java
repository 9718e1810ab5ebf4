package org.calorimeter.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.calorimeter.core.config.Family;
import org.calorimeter.core.config.ModelSpec;
import org.calorimeter.core.config.TrainingSpec;
import org.calorimeter.core.model.Activation;
import org.calorimeter.core.model.Dataset;
import org.calorimeter.core.model.LinearModel;
import org.calorimeter.core.model.TeacherStudentData;
import org.junit.jupiter.api.Test;

class TrainerTest {
    @Test
    void linearModelTrainsToTheLeastSquaresSolution() {
        int n = 5;
        Dataset data = TeacherStudentData.generate(1L, 0, new ModelSpec(Family.LINEAR, n, Activation.TANH, 0, 0.3), 40);
        double[][] a = new double[n][n];
        double[] b = new double[n];
        for (int i = 0; i < 40; i++) {
            for (int j = 0; j < n; j++) {
                b[j] += data.inputs()[i * n + j] * data.labels()[i];
                for (int k = 0; k < n; k++) a[j][k] += data.inputs()[i * n + j] * data.inputs()[i * n + k];
            }
        }
        double[] exact = new CholeskyDecomposition(new Array2DRowRealMatrix(a)).getSolver()
                .solve(new ArrayRealVector(b)).toArray();
        Trainer.Result r = Trainer.train(new LinearModel(data), new double[n], TrainingSpec.DEFAULT);
        assertTrue(r.converged(), "converged in " + r.iterations());
        // A quadratic with condition number ~ 4 converges to near machine precision; 1e-6 leaves room for the
        // line search's own tolerance.
        assertArrayEquals(exact, r.theta(), 1e-6);
    }
}
