package org.calorimeter.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.calorimeter.core.exact.IsingExact;
import org.calorimeter.jobs.Main;
import org.calorimeter.jobs.Sessions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The aggregation's acceptance on the 2D Ising model, L = 8 ... 32 (the shipped calibration-ising-scaling.yaml, about
 * 5 minutes on 2 cores): T_c(inf) from the chi collapse within 0.5% of Onsager's 2.269185, gamma/nu from the chi
 * peaks within 5% of 7/4, and the logarithmic amplitude of the C peak per spin within 10% of
 * (2/pi) ln^2(1 + sqrt 2) = 0.4945. The relative bounds are the issue's; the intervals are reported beside them.
 */
@Tag("minutes")
class IsingScalingTest {
    @TempDir
    Path tmp;

    @Test
    void collapseAndPeaksReproduceTheIsingExponents() {
        Path out = tmp.resolve("ising");
        assertEquals(0, Main.execute("sweep", "../experiment-configs/calibration-ising-scaling.yaml", "--out",
                out.toString(), "--master", "local[2]"));
        SparkSession spark = Sessions.start("reader", "local[1]");
        try {
            Map<String, Row> fits = new TreeMap<>();
            for (Row r : spark.read().parquet(out.resolve("fits").toString()).filter("width is null").collectAsList()) {
                fits.put(r.getAs("kind"), r);
            }
            check(fits.get("collapse_chi_tc"), IsingExact.TC, 0.005);
            check(fits.get("chi_peak_height_vs_width"), 7.0 / 4, 0.05);
            double amplitude = 2 / Math.PI * Math.pow(Math.log(1 + Math.sqrt(2)), 2);
            check(fits.get("peak_log_amplitude"), amplitude, 0.10);
            assertTrue(spark.read().parquet(out.resolve("reweighted").toString()).filter("not reliable").isEmpty(),
                    "neighbouring temperatures overlap everywhere");
        } finally {
            spark.stop();
        }
    }

    static void check(Row fit, double exact, double relative) {
        double v = fit.getAs("estimate");
        String text = String.format("%s = %.5f [%.5f, %.5f] vs %.5f (%.2f%%)", fit.getAs("kind"), v,
                fit.<Double>getAs("ci_low"), fit.<Double>getAs("ci_high"), exact, 100 * (v / exact - 1));
        System.out.println(text);
        assertTrue(fit.<Boolean>getAs("converged"), text);
        assertTrue(Math.abs(v / exact - 1) < relative, text);
    }
}
