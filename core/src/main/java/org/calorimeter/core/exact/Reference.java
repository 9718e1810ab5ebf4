package org.calorimeter.core.exact;

import java.util.ArrayList;
import java.util.List;
import org.calorimeter.core.config.ModelSpec;
import org.calorimeter.core.config.SweepConfig;
import org.calorimeter.core.model.TeacherStudentData;

/**
 * The exact answers a curve point of a sweep can be checked against, where the system has one: the calibration
 * systems of docs/estimators.md. Quantities name curves/ columns: {@code c} (c_mean), {@code energy}
 * (energy_mean), {@code psi} (psi_mean), {@code chi} (chi_mean), {@code gen_error} (gen_error_mean),
 * {@code llc} (llc_mean), {@code kl}, {@code fisher_trace}, {@code fisher_top1}, {@code fisher_eff_dim}.
 */
public final class Reference {
    private Reference() {}

    /**
     * An exact answer. {@code systematic} is the known bias scale of the estimator being compared (0 where the
     * estimator is exact for the finite system): comparisons combine it with the statistical error in quadrature.
     */
    public record Value(String quantity, double exact, String source, double systematic) {
        public Value(String quantity, double exact, String source) {
            this(quantity, exact, source, 0.0);
        }
    }

    /** Largest perceptron whose students are enumerated for the exact reference (2^22 x D per data set: seconds). */
    static final int EXACT_PERCEPTRON_N = 22;

    /**
     * The high-temperature theory drops O(1/T) terms: 1% off at T = 10, 0.03% at T = 50 (PerceptronHighTTest); below
     * T = 10 it is not an exact answer and is not offered as one.
     */
    static final double PERCEPTRON_HIGH_T = 10.0;

    /** Relative closeness of T to log D at which the LLC is compared with the learning coefficient. */
    static final double LOG_D_MATCH = 1e-4;

    /** Exact values for the replica average at (width, data size, T); empty when the system has none. */
    public static List<Value> of(SweepConfig config, int width, int dataSize, double t) {
        ModelSpec m = config.model();
        List<Value> out = new ArrayList<>();
        switch (m.family()) {
            case ISING_2D -> {
                out.add(new Value("c", IsingExact.heatCapacity(width, t), "Kaufman 1949 / Ferdinand-Fisher 1969"));
                out.add(new Value("energy", IsingExact.energy(width, t), "Kaufman 1949 / Ferdinand-Fisher 1969"));
            }
            case CURIE_WEISS -> {
                CurieWeissExact.Values v = CurieWeissExact.at(width, t);
                out.add(new Value("c", v.heatCapacity(), "finite-N sum over M"));
                out.add(new Value("psi", v.psi(), "finite-N sum over M"));
                out.add(new Value("chi", v.susceptibility(), "finite-N sum over M"));
            }
            case ISING_PERCEPTRON -> {
                if (width <= EXACT_PERCEPTRON_N) {
                    PerceptronExact.Values v = PerceptronExact.quenched(config.seed(), config.grid().replicas(), width,
                            dataSize, m.labelNoise(), t);
                    String src = "enumeration of all 2^N students per data set, averaged over the sweep's replicas";
                    out.add(new Value("c", v.heatCapacity(), src));
                    out.add(new Value("energy", v.energy(), src));
                }
                if (m.labelNoise() == 0 && t >= PERCEPTRON_HIGH_T) {
                    out.add(new Value("gen_error", PerceptronHighT.finite(width, dataSize, t).generalisationError(),
                            "high-T theory (Seung-Sompolinsky-Tishby 1992), finite-N sum; exact as T grows at fixed D/(N T)"));
                }
            }
            case LINEAR -> {
                if (!m.bias() && m.data() == null) {
                    double sigma = config.prior().flat() ? Double.POSITIVE_INFINITY : config.prior().sigma();
                    double c = 0;
                    int replicas = config.grid().replicas();
                    for (int r = 0; r < replicas; r++) {
                        c += LinearGaussianExact.heatCapacity(TeacherStudentData.generate(config.seed(), r, m,
                                dataSize), sigma, t) / replicas;
                    }
                    out.add(new Value("c", c, "linear-Gaussian closed form"));
                    double[] fisher = new double[3];
                    for (int r = 0; r < replicas; r++) {
                        double[] f = LinearGaussianExact.fisher(TeacherStudentData.generate(config.seed(), r, m,
                                dataSize), sigma, t);
                        for (int j = 0; j < 3; j++) fisher[j] += f[j] / replicas;
                    }
                    String src = "linear-Gaussian Hessian X^T X / T + I / sigma^2";
                    out.add(new Value("fisher_trace", fisher[0], src));
                    if (config.sampler().fisherTop() > 0) {
                        out.add(new Value("fisher_top1", fisher[1], src));
                        if (!config.prior().flat()) out.add(new Value("fisher_eff_dim", fisher[2], src));
                    }
                    if (!config.prior().flat()) {
                        double kl = 0;
                        for (int r = 0; r < replicas; r++) {
                            kl += LinearGaussianExact.klFromPrior(TeacherStudentData.generate(config.seed(), r, m,
                                    dataSize), sigma, t) / replicas;
                        }
                        out.add(new Value("kl", kl, "linear-Gaussian closed form (KL of two Gaussians)"));
                    }
                }
            }
            case DEEP_LINEAR -> {
                List<Integer> layers = m.layers(width);
                if (layers.size() == 3 && Math.abs(t / Math.log(dataSize) - 1) < LOG_D_MATCH
                        && m.labelNoise() == 1.0) {
                    // The LLC estimates lambda with a finite-n bias: from F(beta) = n beta L(w0) + lambda log(n beta)
                    // - (m - 1) log log(n beta) + O(1), beta <E>-type estimates carry -(m - 1)/log(n beta) plus O(1)/T
                    // terms (theta* vs the true parameter); 1/log(n beta) is that scale per unit multiplicity.
                    double sys = 1.0 / Math.log(dataSize / t);
                    out.add(new Value("llc", Aoyagi.reducedRank(layers.get(0), layers.get(1), layers.get(2),
                            m.teacherRank()), "Aoyagi-Watanabe 2005 (T = log D, unit noise); sys 1/log(D/T)", sys));
                }
            }
            default -> { }
        }
        return out;
    }
}
