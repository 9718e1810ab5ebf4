package org.calorimeter.jobs;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.stddev_samp;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.calorimeter.core.cell.CellResult;
import org.calorimeter.core.fit.Curve;
import org.calorimeter.core.fit.FitResult;
import org.calorimeter.core.fit.Scaling;

/**
 * The first aggregation: replica-averaged C(T) curves ({@code curves/}), and from them the peak of each
 * (width, data size) curve and power laws of the peak height against width and data size ({@code fits/}).
 * Only the curves (a few rows per line) come to the driver; the fitting itself is core code.
 */
public final class AggregateJob {
    private AggregateJob() {}

    public record Outcome(List<Row> curves, List<FitResult> fits, Map<String, Long> skipped) {}

    public static Outcome run(SparkSession spark, OutputDir out) {
        Dataset<Row> cells = spark.read().parquet(out.cells().toString());
        Map<String, Long> skipped = new TreeMap<>();
        for (Row r : cells.filter(col("status").isin(CellResult.DIVERGED, CellResult.FAILED))
                .groupBy("status").count().collectAsList()) {
            skipped.put(r.getString(0), r.getLong(1));
        }
        Dataset<Row> usable = cells.filter(col("status").isin(CellResult.OK, CellResult.SHORT_CHAIN));
        Dataset<Row> curves = usable.groupBy("model", "width", "data_size", "temperature")
                .agg(count(lit(1)).cast("int").as("replicas"),
                        avg("c_fluct").as("c_mean"),
                        sqrt(sum(pow(col("c_fluct_err"), 2))).divide(count(lit(1))).as("c_err_stat"),
                        stddev_samp("c_fluct").divide(sqrt(count(lit(1)))).as("c_err_replica"),
                        avg("energy_mean").as("energy_mean"),
                        sqrt(sum(pow(col("energy_mean_err"), 2))).divide(count(lit(1))).as("energy_mean_err"),
                        avg("psi_mean").as("psi_mean"),
                        max("tau_int").as("tau_int_max"),
                        sum(when(col("status").equalTo(CellResult.SHORT_CHAIN), 1).otherwise(0)).cast("int")
                                .as("n_short_chain"),
                        first("config_hash").as("config_hash"))
                .withColumn("c_err", when(col("c_err_replica").isNull(), col("c_err_stat"))
                        .otherwise(greatest(col("c_err_stat"), col("c_err_replica"))))
                .select("model", "width", "data_size", "temperature", "replicas", "c_mean", "c_err", "c_err_stat",
                        "c_err_replica", "energy_mean", "energy_mean_err", "psi_mean", "tau_int_max", "n_short_chain",
                        "config_hash")
                .orderBy("model", "width", "data_size", "temperature");
        curves.coalesce(1).write().mode("overwrite").parquet(out.curves().toString());
        List<Row> curveRows = spark.read().parquet(out.curves().toString())
                .orderBy("model", "width", "data_size", "temperature").collectAsList();

        List<FitResult> fits = new ArrayList<>();
        List<Row> fitRows = new ArrayList<>();
        String hash = curveRows.isEmpty() ? "" : curveRows.get(0).getAs("config_hash");
        long seed = hash.isEmpty() ? 0L : Long.parseUnsignedLong(hash, 16);
        Map<String, Map<Scaling.Line, List<Row>>> byModel = new TreeMap<>();
        for (Row r : curveRows) {
            byModel.computeIfAbsent(r.getAs("model"), k -> new TreeMap<>())
                    .computeIfAbsent(new Scaling.Line(r.getAs("width"), r.getAs("data_size")), k -> new ArrayList<>())
                    .add(r);
        }
        for (Map.Entry<String, Map<Scaling.Line, List<Row>>> model : byModel.entrySet()) {
            Map<Scaling.Line, Curve> lines = new TreeMap<>();
            for (Map.Entry<Scaling.Line, List<Row>> line : model.getValue().entrySet()) {
                List<Row> pts = line.getValue();   // ordered by temperature
                lines.put(line.getKey(), new Curve(
                        pts.stream().mapToDouble(r -> r.<Double>getAs("temperature")).toArray(),
                        pts.stream().mapToDouble(r -> r.<Double>getAs("c_mean")).toArray(),
                        pts.stream().mapToDouble(r -> r.<Double>getAs("c_err")).toArray()));
            }
            for (FitResult f : Scaling.fit(lines, seed)) {
                fits.add(f);
                fitRows.add(FitRows.toRow(f, model.getKey(), hash));
            }
        }
        spark.createDataFrame(fitRows, FitRows.SCHEMA).coalesce(1).write().mode("overwrite")
                .parquet(out.fits().toString());
        return new Outcome(curveRows, fits, skipped);
    }
}
