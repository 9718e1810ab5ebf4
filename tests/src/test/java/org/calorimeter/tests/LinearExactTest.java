package org.calorimeter.tests;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.calorimeter.jobs.Main;
import org.calorimeter.jobs.Sessions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calibration, end to end: the shipped {@code experiment-configs/linear-exact.yaml} (linear model, flat prior) has
 * C = d/2 = 4 exactly at every temperature from 1e-3 to 1e3. Every cell must agree within its own error bar, and the
 * error bars must be honest: the z-scores of all cells must scatter like standard normals.
 */
class LinearExactTest {
    @TempDir
    Path tmp;

    @Test
    void everyCellReproducesEquipartition() {
        Path out = tmp.resolve("linear-exact");
        assertEquals(0, Main.execute("sweep", "../experiment-configs/linear-exact.yaml", "--out", out.toString(),
                "--master", "local[2]"));
        SparkSession spark = Sessions.start("test-reader", "local[1]");
        try {
            List<Row> cells = spark.read().parquet(out.resolve("cells").toString())
                    .orderBy(col("data_size"), col("temperature"), col("replica")).collectAsList();
            assertEquals(42, cells.size());
            double sumZ2 = 0;
            double worst = 0;
            for (Row r : cells) {
                assertEquals("ok", r.getAs("status"), r.toString());
                assertEquals(8, r.<Integer>getAs("n_params"));
                double c = r.getAs("c_fluct");
                double err = r.getAs("c_fluct_err");
                double z = (c - 4.0) / err;
                // 4 sigma per cell: over 42 cells a false alarm has probability 0.3%.
                assertTrue(Math.abs(z) < 4, String.format("T=%s D=%s: C = %.3f +- %.3f, z = %.2f",
                        r.getAs("temperature"), r.getAs("data_size"), c, err, z));
                assertTrue(err / 4.0 < 0.10, "relative error under 10%: " + err / 4.0);
                sumZ2 += z * z;
                worst = Math.max(worst, Math.abs(z));
            }
            // Honest error bars: sum z^2 ~ chi^2 with 42 dof (mean 42, sd 9.2); 42 +- 4 sd is [5, 79].
            assertTrue(sumZ2 > 5 && sumZ2 < 79, "sum of z^2 = " + sumZ2 + " over 42 cells (worst |z| " + worst + ")");
            System.out.printf("linear-exact: 42 cells, sum z^2 = %.1f, worst |z| = %.2f%n", sumZ2, worst);
            // E is linear in T here (E* + d T / 2), so d<E>/dT is exact and must agree with Var(E)/T^2 everywhere.
            List<Row> curves = spark.read().parquet(out.resolve("curves").toString())
                    .filter(col("c_resp").isNotNull().and(col("c_resp").isNaN().unary_$bang())).collectAsList();
            assertEquals(15, curves.size(), "3 data sizes x 5 interior temperatures");
            for (Row r : curves) {
                assertTrue(!r.<Boolean>getAs("fr_flag"), "fluctuation and response agree: " + r);
                double cr = r.getAs("c_resp");
                double crErr = r.getAs("c_resp_err");
                assertTrue(Math.abs(cr - 4.0) < 4 * crErr, "c_resp = " + cr + " +- " + crErr);
            }
        } finally {
            spark.stop();
        }
    }
}
