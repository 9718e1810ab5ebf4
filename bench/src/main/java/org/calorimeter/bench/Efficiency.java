package org.calorimeter.bench;

import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.calorimeter.jobs.OutputDir;
import org.calorimeter.jobs.Sessions;

/**
 * Equal-cost efficiency of the samplers at the low temperatures: for each output folder given, per grid temperature
 * below {@code --below} (default 0.05), the cells, how many are ok, and the median and geometric mean over lines of the
 * ESS of E per second of the cell's own time ({@code wall_seconds}: with replica exchange the line's time divided by
 * its temperatures, ladder points included), with the median tau_int. bench/efficiency runs the four sweeps.
 */
public final class Efficiency {
    private Efficiency() {
    }

    public static void main(String[] args) {
        double below = 0.05;
        SparkSession spark = Sessions.start("efficiency", "local[1]");
        try {
            System.out.println(String.format(Locale.ROOT, "%-12s %8s %5s %4s %12s %12s %8s %8s", "run", "T", "cells", "ok",
                    "ESS/s med", "ESS/s geo", "ESS med", "tau med"));
            for (String dir : args) {
                OutputDir out = new OutputDir(java.nio.file.Path.of(dir));
                spark.read().parquet(out.cells().toString()).createOrReplaceTempView("cells");
                for (Row r : spark.sql("select temperature, count(*), sum(case when status = 'ok' then 1 else 0 end), "
                        + "percentile(ess / wall_seconds, 0.5), exp(avg(ln(ess / wall_seconds))), percentile(ess, 0.5), "
                        + "percentile(tau_int, 0.5) from cells where ladder = false and temperature < " + below
                        + " group by temperature order by temperature").collectAsList()) {
                    System.out.println(String.format(Locale.ROOT, "%-12s %8.4f %5d %4d %12.1f %12.1f %8.0f %8.1f",
                            java.nio.file.Path.of(dir).getFileName(), r.getDouble(0), r.getLong(1), r.getLong(2),
                            r.getDouble(3), r.getDouble(4), r.getDouble(5), r.getDouble(6)));
                }
            }
        } finally {
            spark.stop();
        }
    }
}
