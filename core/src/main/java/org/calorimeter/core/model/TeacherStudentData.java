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
 *   <li>Teacher ({@code deep-linear}): W* = B A / sqrt(n), A (r x n) and B (output x r) with N(0, 1) entries, so W* has
 *       rank r = teacher_rank (W* = 0 for r = 0).</li>
 *   <li>Example i: x ~ N(0, I_n) and y = f*(x) + label_noise * xi, drawn from a stream keyed by
 *       (seed, replica, i), so the D = 128 set is exactly the prefix of the D = 256 set.</li>
 * </ul>
 */
public final class TeacherStudentData {
    private TeacherStudentData() {}

    public static Dataset generate(long sweepSeed, int replica, ModelSpec spec, int size) {
        int n = spec.inputDim();
        double[] teacher = teacher(sweepSeed, replica, spec);
        if (spec.family() == Family.DEEP_LINEAR) {
            int out = spec.outputDim();
            double[] x = new double[size * n];
            double[] y = new double[size * out];
            for (int i = 0; i < size; i++) {
                SplittableRandom rng = Seeds.stream(sweepSeed, "example", replica, i);
                int off = i * n;
                for (int k = 0; k < n; k++) x[off + k] = rng.nextGaussian();
                for (int c = 0; c < out; c++) {
                    double f = 0.0;
                    for (int k = 0; k < n; k++) f += teacher[c * n + k] * x[off + k];
                    y[i * out + c] = f + spec.labelNoise() * rng.nextGaussian();
                }
            }
            return new Dataset(size, n, out, x, y);
        }
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
        if (spec.family() == Family.DEEP_LINEAR) {
            int r = spec.teacherRank();
            int out = spec.outputDim();
            double[] a = new double[r * n];
            double[] b = new double[out * r];
            for (int i = 0; i < a.length; i++) a[i] = rng.nextGaussian();
            for (int i = 0; i < b.length; i++) b[i] = rng.nextGaussian();
            double[] w = new double[out * n];
            for (int c = 0; c < out; c++) {
                for (int k = 0; k < n; k++) {
                    double sum = 0;
                    for (int q = 0; q < r; q++) sum += b[c * r + q] * a[q * n + k];
                    w[c * n + k] = sum / Math.sqrt(n);
                }
            }
            return w;
        }
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
        return switch (spec.family()) {
            case LINEAR -> new LinearModel(data, spec.bias());
            case MLP -> spec.depth() == 1 ? new MlpModel(data, width, spec.activation())
                    : new DeepMlpModel(data, width, spec.depth(), spec.activation());
            case DEEP_LINEAR -> new DeepLinearModel(data, spec.layers(width));
            default -> throw new IllegalArgumentException(spec.family().key() + " has binary weights, not a "
                    + "continuous student");
        };
    }

    /** Number of parameters d of a continuous student of this width. */
    public static int parameterCount(ModelSpec spec, int width) {
        return switch (spec.family()) {
            case LINEAR -> spec.inputDim() + (spec.bias() ? 1 : 0);
            case MLP -> DeepMlpModel.parameterCount(width, spec.inputDim(), spec.depth());
            case DEEP_LINEAR -> DeepLinearModel.parameterCount(spec.layers(width));
            case ISING_2D -> width * width;   // L x L spins
            default -> width;                 // one binary weight per unit
        };
    }
}
