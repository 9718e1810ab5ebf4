package org.calorimeter.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.calorimeter.jobs.OutputDir;
import org.calorimeter.jobs.Sessions;

/**
 * Are the errors of `ok` cells honest? Given the output folders of independent runs of one line (different sweep seeds
 * and replicas, the same data), per grid temperature: the number of ok cells, and for C and &lt;E&gt; the scatter of the
 * runs against their own errors, as chi^2/dof around the weighted mean and as the ratio of the sample variance to the
 * mean squared error (which does not weight a run by its own error, so a skewed estimator does not inflate it).
 * bench/honesty runs the experiment of docs/estimators.md ("Error-bar honesty").
 */
public final class Honesty {
    private Honesty() {
    }

    public static void main(String[] args) {
        SparkSession spark = Sessions.start("honesty", "local[1]");
        Map<Double, List<double[]>> ok = new TreeMap<>();
        Map<Double, int[]> counts = new TreeMap<>();
        try {
            for (String dir : args) {
                OutputDir out = new OutputDir(java.nio.file.Path.of(dir));
                for (Row r : spark.read().parquet(out.cells().toString()).filter("ladder = false")
                        .select("temperature", "c_fluct", "c_fluct_err", "energy_mean", "energy_mean_err", "status")
                        .collectAsList()) {
                    double t = r.getDouble(0);
                    counts.computeIfAbsent(t, k -> new int[2])[0]++;
                    if (!"ok".equals(r.getString(5))) continue;
                    counts.get(t)[1]++;
                    ok.computeIfAbsent(t, k -> new ArrayList<>()).add(new double[] {r.getDouble(1), r.getDouble(2),
                            r.getDouble(3), r.getDouble(4)});
                }
            }
        } finally {
            spark.stop();
        }
        System.out.println(String.format(Locale.ROOT, "%8s %5s %4s | %9s %9s | %9s %9s", "T", "cells", "ok",
                "chi2/dof C", "var/err2 C", "chi2/dof E", "var/err2 E"));
        for (Map.Entry<Double, List<double[]>> e : ok.entrySet()) {
            List<double[]> runs = e.getValue();
            double[] c = scatter(runs, 0);
            double[] en = scatter(runs, 2);
            int[] n = counts.get(e.getKey());
            System.out.println(String.format(Locale.ROOT, "%8.4f %5d %4d | %9.2f %9.2f | %9.2f %9.2f", e.getKey(), n[0],
                    n[1], c[0], c[1], en[0], en[1]));
        }
    }

    /** {chi^2/dof around the weighted mean, sample variance / mean squared error} of column v with its error v + 1. */
    static double[] scatter(List<double[]> runs, int v) {
        int n = runs.size();
        if (n < 2) return new double[] {Double.NaN, Double.NaN};
        double sw = 0;
        double swx = 0;
        double mean = 0;
        double err2 = 0;
        for (double[] r : runs) {
            double w = 1 / (r[v + 1] * r[v + 1]);
            sw += w;
            swx += w * r[v];
            mean += r[v] / n;
            err2 += r[v + 1] * r[v + 1] / n;
        }
        double weighted = swx / sw;
        double chi2 = 0;
        double var = 0;
        for (double[] r : runs) {
            chi2 += Math.pow((r[v] - weighted) / r[v + 1], 2);
            var += Math.pow(r[v] - mean, 2) / (n - 1);
        }
        return new double[] {chi2 / (n - 1), var / err2};
    }
}
