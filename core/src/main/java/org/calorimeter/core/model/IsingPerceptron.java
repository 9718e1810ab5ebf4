package org.calorimeter.core.model;

import java.util.SplittableRandom;
import org.calorimeter.core.rng.Seeds;

/**
 * The Ising perceptron in the teacher-student setting: weights s in {-1, +1}^N, output sign(s . x), energy = the
 * number of training errors. The teacher t is a random +-1 vector; example mu has x ~ N(0, I_N) and
 * y = sign(t . x), flipped with probability {@code labelNoise}. Example mu comes from the stream (seed, replica, mu),
 * so the D = 128 set is the prefix of the D = 256 set, as for the continuous teacher-student data.
 */
public final class IsingPerceptron implements SpinModel {
    private final int n;
    private final int d;
    /** Inputs column by column: x[i * d + mu], so a flip of weight i reads one contiguous column. */
    private final double[] x;
    private final byte[] y;
    private final byte[] teacher;

    private IsingPerceptron(int n, int d, double[] x, byte[] y, byte[] teacher) {
        this.n = n;
        this.d = d;
        this.x = x;
        this.y = y;
        this.teacher = teacher;
    }

    public static IsingPerceptron generate(long sweepSeed, int replica, int n, int dataSize, double labelNoise) {
        byte[] t = SpinModel.random(n, Seeds.stream(sweepSeed, "teacher", replica));
        double[] x = new double[n * dataSize];
        byte[] y = new byte[dataSize];
        for (int mu = 0; mu < dataSize; mu++) {
            SplittableRandom rng = Seeds.stream(sweepSeed, "example", replica, mu);
            double h = 0;
            for (int i = 0; i < n; i++) {
                double v = rng.nextGaussian();
                x[i * dataSize + mu] = v;
                h += t[i] * v;
            }
            byte label = h >= 0 ? (byte) 1 : (byte) -1;
            y[mu] = rng.nextDouble() < labelNoise ? (byte) -label : label;
        }
        return new IsingPerceptron(n, dataSize, x, y, t);
    }

    @Override
    public int size() {
        return n;
    }

    public int dataSize() {
        return d;
    }

    /** Component i of the input of example mu. */
    public double input(int i, int mu) {
        return x[i * d + mu];
    }

    /** The (possibly flipped) label of example mu, +-1. */
    public int label(int mu) {
        return y[mu];
    }

    /** R = s . t / N, the student-teacher overlap. */
    public double overlap(byte[] s) {
        long dot = 0;
        for (int i = 0; i < n; i++) dot += s[i] * teacher[i];
        return (double) dot / n;
    }

    /** The generalisation error of a student with overlap R on Gaussian inputs, noiseless teacher: arccos(R) / pi. */
    public static double generalisationError(double r) {
        return Math.acos(Math.max(-1.0, Math.min(1.0, r))) / Math.PI;
    }

    @Override
    public State start(byte[] spins) {
        if (spins.length != n) throw new IllegalArgumentException("inconsistent spin counts: " + spins.length + " != " + n);
        byte[] s = spins.clone();
        double[] field = new double[d];
        for (int i = 0; i < n; i++) {
            int off = i * d;
            for (int mu = 0; mu < d; mu++) field[mu] += s[i] * x[off + mu];
        }
        int errors = 0;
        for (int mu = 0; mu < d; mu++) if (y[mu] * field[mu] < 0) errors++;
        return new FieldState(s, field, errors);
    }

    private final class FieldState extends BaseState {
        private final double[] field;
        private int errors;

        FieldState(byte[] s, double[] field, int errors) {
            super(s);
            this.field = field;
            this.errors = errors;
        }

        @Override
        public double energy() {
            return errors;
        }

        @Override
        public double delta(int i) {
            int off = i * d;
            double twoS = 2.0 * s[i];
            int change = 0;
            for (int mu = 0; mu < d; mu++) {
                double after = field[mu] - twoS * x[off + mu];
                boolean wrongBefore = y[mu] * field[mu] < 0;
                boolean wrongAfter = y[mu] * after < 0;
                if (wrongBefore != wrongAfter) change += wrongAfter ? 1 : -1;
            }
            return change;
        }

        @Override
        public void flip(int i) {
            int off = i * d;
            double twoS = 2.0 * s[i];
            int e = 0;
            for (int mu = 0; mu < d; mu++) {
                field[mu] -= twoS * x[off + mu];
                if (y[mu] * field[mu] < 0) e++;
            }
            errors = e;
            flipSpin(i);
        }
    }
}
