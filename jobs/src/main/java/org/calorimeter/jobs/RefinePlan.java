package org.calorimeter.jobs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.calorimeter.core.config.SweepConfig;
import org.calorimeter.core.fit.Refinement;

/** Reads curves/ and asks core's {@link Refinement} where to add temperatures. */
final class RefinePlan {
    private RefinePlan() {}

    static List<Double> plan(SparkSession spark, OutputDir out, SweepConfig config, int add) {
        double[] grid = config.grid().temperatures().stream().mapToDouble(Double::doubleValue).toArray();
        Map<String, double[][]> lines = new TreeMap<>();
        for (Row r : spark.read().parquet(out.curves().toString())
                .select("model", "width", "data_size", "temperature", "c_mean", "c_err").collectAsList()) {
            double[][] line = lines.computeIfAbsent(r.getString(0) + "|" + r.getInt(1) + "|" + r.getInt(2), k -> {
                double[][] v = new double[2][grid.length];
                Arrays.fill(v[0], Double.NaN);
                Arrays.fill(v[1], Double.NaN);
                return v;
            });
            int i = Arrays.binarySearch(grid, r.getDouble(3));
            if (i >= 0) {
                line[0][i] = r.getDouble(4);
                line[1][i] = r.getDouble(5);
            }
        }
        List<Refinement.LineCurve> curves = new ArrayList<>();
        for (double[][] l : lines.values()) curves.add(new Refinement.LineCurve(l[0], l[1]));
        List<Double> added = new ArrayList<>(Refinement.newTemperatures(grid, curves, add));
        added.removeAll(config.grid().temperatures());
        return added;
    }
}
