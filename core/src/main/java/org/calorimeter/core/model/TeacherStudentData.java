package org.calorimeter.core.model;

import java.util.SplittableRandom;
import org.calorimeter.core.config.Family;
import org.calorimeter.core.config.ModelSpec;
import org.calorimeter.core.rng.Seeds;

/**
 * Synthetic teacher-student data, a function of (sweep seed, replica) alone.
 *
 * <ul>
 *   <li>Teacher ({@code linear}): w* ~ N(0, I/n), f*(x) = w* . x.</li>
 *   <li>Teacher ({@code mlp}): an {@link MlpModel}-shaped network of width {@code teacher_width} with
 *       first-layer weights N(0, 1) and output weights N(0, 1/teacher_width), so Var f* = O(1).</li>
 *   <li>Example i: x ~ N(0, I_n) and y = f*(x) + label_noise * xi, drawn from a stream keyed by
 *       (seed, replica, i), so the D = 128 set is exactly the prefix of the D = 256 set.</li>
 * </ul>
 */
public final class TeacherStudentData {
    private TeacherStudentData() {}

    public static Dataset generate(long sweepSeed, int replica, ModelSpec spec, int size) {
        int n = spec.inputDim();
        double[] teacher = teacher(sweepSeed, replica, spec);
        double[] x = new double[size * n];
        double[] y = new double[size];
        for (int i = 0; i < size; i++) {
            SplittableRandom rng = Seeds.stream(sweepSeed, "example", replica, i);
            int off = i * n;
            for (int k = 0; k < n; k++) x[off + k] = rng.nextGaussian();
            double f;
            if (spec.family() == Family.LINEAR) {
                f = 0.0;
                for (int k = 0; k < n; k++) f += teacher[k] * x[off + k];
            } else {
                f = MlpModel.output(teacher, spec.teacherWidth(), n, spec.activation(), x, off);
            }
            y[i] = f + spec.labelNoise() * rng.nextGaussian();
        }
        return new Dataset(size, n, x, y);
    }

    /** Teacher parameters for (sweep seed, replica). */
    public static double[] teacher(long sweepSeed, int replica, ModelSpec spec) {
        SplittableRandom rng = Seeds.stream(sweepSeed, "teacher", replica);
        int n = spec.inputDim();
        if (spec.family() == Family.LINEAR) {
            double[] w = new double[n];
            for (int k = 0; k < n; k++) w[k] = rng.nextGaussian() / Math.sqrt(n);
            return w;
        }
        int m = spec.teacherWidth();
        double[] theta = new double[MlpModel.parameterCount(m, n)];
        for (int i = 0; i < m * n; i++) theta[i] = rng.nextGaussian();
        for (int j = 0; j < m; j++) theta[m * n + j] = rng.nextGaussian() / Math.sqrt(m);
        return theta;
    }

    /** The student model for a family and width on the given data. */
    public static Model student(ModelSpec spec, int width, Dataset data) {
        return spec.family() == Family.LINEAR ? new LinearModel(data) : new MlpModel(data, width, spec.activation());
    }
}
