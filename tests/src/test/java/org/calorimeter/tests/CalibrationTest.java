package org.calorimeter.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.calorimeter.core.config.ConfigLoader;
import org.calorimeter.core.config.SweepConfig;
import org.calorimeter.core.model.TeacherStudentData;
import org.calorimeter.core.exact.LinearGaussianExact;
import org.calorimeter.jobs.Main;
import org.calorimeter.jobs.Sessions;
import org.calorimeter.jobs.Summary;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The shipped calibration configs, end to end through {@code Main sweep}: every curve point of a system with an exact
 * answer (Summary.checks, the table the summary prints) must agree within 3 of its own standard errors and within a
 * relative tolerance given per config with its reason. Each config runs in 10-40 s on 2 cores.
 */
class CalibrationTest {
    @TempDir
    Path tmp;

    /**
     * Relative tolerances: ising-2d and curie-weiss 5% (exact answers; chains of 2-4 x 10^4 sweeps give errors of
     * 1-2%, so 5% is over 2.5 error bars: a larger miss is a broken sampler); linear-gaussian 10% (one data set, the
     * low-T points have chain errors of 3-5%); deep-linear 5% (the LLC is a finite-n estimator of lambda, with a bias
     * of order 1/log(D/T) = 0.11 here, 2.5% of lambda; twice that); ising-perceptron 2% (the high-T theory drops O(1/T) terms:
     * measured 1% at T = 10, 0.03% at T = 50; see PerceptronHighTTest).
     */
    /**
     * The reduced form of calibration-perceptron-transition.yaml (N = 20, D = 30, 32 teachers, 12 temperatures from 0.1:
     * about 2 minutes, run it with submit/local): N = 12, D = 18 (alpha = 1.5), 8 teachers, 6 temperatures from 0.25,
     * Metropolis with replica exchange. Every curve point's C and <E> against the exact quenched average by enumeration,
     * within 3 of its own standard errors.
     */
    @org.junit.jupiter.api.Test
    void perceptronAcrossItsLearningTransitionMatchesEnumeration() throws java.io.IOException {
        Path config = tmp.resolve("perceptron.yaml");
        java.nio.file.Files.writeString(config, """
                name: perceptron-transition-small
                seed: 2026
                model: {family: ising-perceptron, label_noise: 0.0}
                grid: {width: [12], data_size: [18], temperature: {from: 0.25, to: 1.5, count: 6}, replicas: 8}
                sampler: {kind: metropolis, burn_in: 1000, steps: 20000, exchange: {every: 1}}
                """);
        Path out = tmp.resolve("perceptron");
        assertEquals(0, Main.execute("sweep", config.toString(), "--out", out.toString(), "--master", "local[2]"));
        SweepConfig cfg = ConfigLoader.load(config);
        SparkSession spark = Sessions.start("test-reader", "local[1]");
        try {
            List<Summary.Check> checks = Summary.checks(
                    spark.read().parquet(out.resolve("curves").toString()).collectAsList(), cfg);
            assertEquals(12, checks.size(), "C and <E> at 6 temperatures");
            for (Summary.Check c : checks) {
                String text = String.format("perceptron T=%s %s: %.4g +- %.2g vs exact %.4g (z = %.2f)",
                        c.temperature(), c.quantity(), c.value(), c.error(), c.exact(), c.z());
                System.out.println(text);
                assertTrue(Math.abs(c.z()) < 3, text);
            }
            assertTrue(spark.read().parquet(out.resolve("cells").toString()).filter("swap_accept > 0").count() > 0,
                    "neighbours swapped");
        } finally {
            spark.stop();
        }
    }

    /**
     * {@code calibrate} end to end on a small linear-Gaussian config: it makes its sweep in code, so the sweep's option
     * defaults (--fail-on, --max-cells) must hold without picocli (they did not: a NullPointerException before any run).
     */
    @org.junit.jupiter.api.Test
    void calibrateRunsAConfigAndChecksItsExactAnswers() throws java.io.IOException {
        Path config = java.nio.file.Files.writeString(tmp.resolve("calibration-small.yaml"), """
                name: calibration-small
                seed: 21
                model: {family: linear, input_dim: 4, label_noise: 0.3}
                prior: {sigma: 0.1}
                grid: {data_size: [40], temperature: [0.1, 1.0, 3.0]}
                sampler: {kind: mala, burn_in: 1000, steps: 10000}
                """);
        assertEquals(0, Main.execute("calibrate", config.toString(), "--out", tmp.resolve("cal").toString(), "--master",
                "local[2]"));
        assertTrue(java.nio.file.Files.isDirectory(tmp.resolve("cal").resolve("calibration-small").resolve("curves")));
    }

    @ParameterizedTest
    @CsvSource({"ising-2d, 0.05", "curie-weiss, 0.05", "linear-gaussian, 0.10", "deep-linear, 0.05",
            "ising-perceptron, 0.02"})
    void shippedCalibrationConfigReproducesExactAnswers(String system, double relative) {
        Path config = Path.of("../experiment-configs/calibration-" + system + ".yaml");
        Path out = tmp.resolve(system);
        assertEquals(0, Main.execute("sweep", config.toString(), "--out", out.toString(), "--master", "local[2]"));
        SweepConfig cfg = ConfigLoader.load(config);
        SparkSession spark = Sessions.start("test-reader", "local[1]");
        try {
            List<Row> curves = spark.read().parquet(out.resolve("curves").toString()).collectAsList();
            List<Summary.Check> checks = Summary.checks(curves, cfg);
            assertFalse(checks.isEmpty(), "the config has exact answers to check");
            for (Summary.Check c : checks) {
                String text = String.format("%s N=%d T=%s %s: %.4g +- %.2g (sys %.2g) vs exact %.4g (z = %.2f)",
                        system, c.width(), c.temperature(), c.quantity(), c.value(), c.error(), c.systematic(), c.exact(),
                        c.z());
                System.out.println(text);
                assertTrue(Math.abs(c.value() / c.exact() - 1) < relative, text);
                // z includes an estimator's systematic scale where Reference gives one (the LLC's 1/log(D/T)).
                assertTrue(Math.abs(c.z()) < 3, text);
            }
            // Every cell is ok, except that in the deep linear network (a singular model) the two chains of a cell,
            // started from different trained minima, may sit apart by more than their errors: the split-halves test
            // marks such a cell unmixed (2 of its 12 in the shipped config, p = 8e-4 and 2e-6), which is true; its
            // LLC is still checked above against lambda with the estimator's systematic scale.
            String allowed = system.equals("deep-linear") ? "'ok', 'unmixed'" : "'ok'";
            long notOk = spark.read().parquet(out.resolve("cells").toString())
                    .filter("status not in (" + allowed + ")").count();
            assertEquals(0, notOk, "every calibration cell is " + allowed);
            if (system.equals("linear-gaussian")) {
                // Absolute entropy in reweighted/, S = -KL(p_T || prior), against the closed form at each grid point.
                int compared = 0;
                for (Row r : spark.read().parquet(out.resolve("reweighted").toString()).collectAsList()) {
                    double t = r.getAs("temperature");
                    // The fine grid holds the sampled temperatures themselves (to rounding).
                    if (cfg.grid().temperatures().stream().noneMatch(g -> Math.abs(g / t - 1) < 1e-9)) continue;
                    compared++;
                    double exact = -LinearGaussianExact.klFromPrior(TeacherStudentData.generate(cfg.seed(), 0,
                            cfg.model(), 40), cfg.prior().sigma(), t);
                    double s = r.getAs("entropy_abs");
                    double e = r.getAs("entropy_abs_err");
                    String text = String.format("linear-gaussian T=%s entropy_abs: %.4g +- %.2g vs exact %.4g", t, s, e,
                            exact);
                    System.out.println(text);
                    assertTrue(Math.abs(s - exact) < 3 * e, text);
                }
                assertEquals(cfg.grid().temperatures().size(), compared, "every grid temperature compared");
            }
            assertEquals(Map.of("ising-2d", 6, "curie-weiss", 15, "linear-gaussian", 25, "deep-linear", 3,
                    "ising-perceptron", 2).get(system), checks.size(), "number of checks");
        } finally {
            spark.stop();
        }
    }
}
