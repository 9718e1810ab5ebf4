package org.calorimeter.core.exact;

import java.util.LinkedHashMap;
import java.util.Map;
import org.calorimeter.core.model.IsingPerceptron;

/**
 * The Ising perceptron's exact thermodynamics for one data set, by enumerating all 2^N students: the density of
 * states g(E) (the number of students with E training errors, E = 0..D) gives Z(T) = sum_E g(E) exp(-E/T), and from it
 * <E>_T and C(T) = Var_T(E)/T^2 at every temperature. Students are visited in Gray-code order, so each costs one
 * O(D) update of the examples' local fields; the fields are recomputed from scratch every 4096 students so rounding
 * cannot accumulate. N <= {@link #MAX_N} (2^26 students x D is seconds).
 *
 * <p>The quenched average over data sets is the plain mean of these per-data-set values over the replicas (teachers)
 * of a sweep, which is what a sweep's replica-averaged curves estimate.
 */
public final class PerceptronExact {
    public static final int MAX_N = 26;

    private PerceptronExact() {}

    /** g(E), E = 0..D, of one data set. */
    public static long[] densityOfStates(IsingPerceptron p) {
        int n = p.size();
        int d = p.dataSize();
        if (n > MAX_N) throw new IllegalArgumentException("enumeration of 2^" + n + " students; at most N = " + MAX_N);
        byte[] s = new byte[n];
        java.util.Arrays.fill(s, (byte) 1);
        double[] field = new double[d];
        long[] g = new long[d + 1];
        recompute(p, s, field);
        g[errors(p, field)]++;
        long count = 1L << n;
        for (long k = 1; k < count; k++) {
            int i = Long.numberOfTrailingZeros(k);
            s[i] = (byte) -s[i];
            if ((k & 4095) == 0) {
                recompute(p, s, field);
            } else {
                double twoS = 2.0 * s[i];
                for (int mu = 0; mu < d; mu++) field[mu] += twoS * p.input(i, mu);
            }
            g[errors(p, field)]++;
        }
        return g;
    }

    private static void recompute(IsingPerceptron p, byte[] s, double[] field) {
        java.util.Arrays.fill(field, 0.0);
        for (int i = 0; i < s.length; i++) {
            for (int mu = 0; mu < field.length; mu++) field[mu] += s[i] * p.input(i, mu);
        }
    }

    private static int errors(IsingPerceptron p, double[] field) {
        int e = 0;
        for (int mu = 0; mu < field.length; mu++) if (p.label(mu) * field[mu] < 0) e++;
        return e;
    }

    /** <E>_T and C(T) = Var_T(E)/T^2 from g(E). */
    public record Values(double energy, double heatCapacity) {}

    public static Values at(long[] g, double t) {
        double logMax = Double.NEGATIVE_INFINITY;
        for (int e = 0; e < g.length; e++) if (g[e] > 0) logMax = Math.max(logMax, Math.log(g[e]) - e / t);
        double z = 0;
        double m1 = 0;
        for (int e = 0; e < g.length; e++) {
            if (g[e] == 0) continue;
            double w = Math.exp(Math.log(g[e]) - e / t - logMax);
            z += w;
            m1 += w * e;
        }
        double mean = m1 / z;
        double var = 0;
        for (int e = 0; e < g.length; e++) {
            if (g[e] == 0) continue;
            double w = Math.exp(Math.log(g[e]) - e / t - logMax);
            var += w * (e - mean) * (e - mean);
        }
        var /= z;
        return new Values(mean, var / (t * t));
    }

    private static final Map<String, long[]> MEMO = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
            return size() > 1024;
        }
    };

    /** The quenched average over replicas 0..replicas-1 of a sweep's data sets (memoised per data set). */
    public static Values quenched(long sweepSeed, int replicas, int n, int dataSize, double labelNoise, double t) {
        double e = 0;
        double c = 0;
        for (int r = 0; r < replicas; r++) {
            String key = sweepSeed + "|" + r + "|" + n + "|" + dataSize + "|" + labelNoise;
            long[] g;
            synchronized (MEMO) {
                g = MEMO.get(key);
            }
            if (g == null) {
                g = densityOfStates(IsingPerceptron.generate(sweepSeed, r, n, dataSize, labelNoise));
                synchronized (MEMO) {
                    MEMO.put(key, g);
                }
            }
            Values v = at(g, t);
            e += v.energy() / replicas;
            c += v.heatCapacity() / replicas;
        }
        return new Values(e, c);
    }
}
