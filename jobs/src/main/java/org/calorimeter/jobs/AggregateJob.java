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
import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.calorimeter.core.cell.CellResult;
import org.calorimeter.core.fit.Curve;
import org.calorimeter.core.fit.FitResult;
import org.calorimeter.core.fit.FluctuationResponse;
import org.calorimeter.core.fit.Scaling;

/**
 * The first aggregation: replica-averaged C(T) curves ({@code curves/}), and from them the peak of each
 * (width, data size) curve and power laws of the peak height against width and data size ({@code fits/}).
 * Only the curves (a few rows per line) come to the driver; the fitting itself is core code.
 */
public final class AggregateJob {
    private AggregateJob() {}

    public record Outcome(List<Row> curves, List<FitResult> fits, Map<String, Long> skipped) {}

    /** Per-cell numbers of one line, [replica][temperature] on the temperatures every replica has. */
    record LineCells(double[] temperature, double[][] c, double[][] cErr, double[][] energy, double[][] energyErr) {
        Curve curve() {
            return new Curve(temperature, c, cErr);
        }

        /**
         * A temperature enters only where every replica of the line has a usable cell (diverged and failed cells leave
         * a hole), so that the replicas stay paired.
         */
        static LineCells of(Map<Integer, Map<Double, double[]>> byReplica) {
            java.util.TreeSet<Double> common = null;
            for (Map<Double, double[]> r : byReplica.values()) {
                if (common == null) common = new java.util.TreeSet<>(r.keySet());
                else common.retainAll(r.keySet());
            }
            double[] t = common.stream().mapToDouble(Double::doubleValue).toArray();
            int n = byReplica.size();
            double[][][] cols = new double[4][n][];
            int i = 0;
            for (Map<Double, double[]> r : byReplica.values()) {
                for (int k = 0; k < 4; k++) {
                    final int col = k;
                    cols[k][i] = common.stream().mapToDouble(x -> r.get(x)[col]).toArray();
                }
                i++;
            }
            return new LineCells(t, cols[0], cols[1], cols[2], cols[3]);
        }
    }

    static final StructType RESPONSE = new StructType()
            .add("model", StringType, false)
            .add("width", IntegerType, false)
            .add("data_size", IntegerType, false)
            .add("temperature", DoubleType, false)
            .add("c_resp", DoubleType, false)
            .add("c_resp_err", DoubleType, false)
            .add("fr_z", DoubleType, false)
            .add("fr_flag", BooleanType, false);

    public static Outcome run(SparkSession spark, OutputDir out) {
        Dataset<Row> cells = spark.read().parquet(out.cells().toString());
        Map<String, Long> skipped = new TreeMap<>();
        for (Row r : cells.filter(col("status").isin(CellResult.DIVERGED, CellResult.FAILED))
                .groupBy("status").count().collectAsList()) {
            skipped.put(r.getString(0), r.getLong(1));
        }
        Dataset<Row> usable = cells.filter(col("status").isin(CellResult.OK, CellResult.SHORT_CHAIN,
                CellResult.UNMIXED));

        // Per-cell numbers (a few per cell, never samples), so that lines can be paired by replica.
        Map<String, Map<Scaling.Line, LineCells>> lines = new TreeMap<>();
        Map<String, Map<Scaling.Line, Map<Integer, Map<Double, double[]>>>> byModel = new TreeMap<>();
        for (Row r : usable.select("model", "width", "data_size", "replica", "temperature", "c_fluct", "c_fluct_err",
                "energy_mean", "energy_mean_err").collectAsList()) {
            byModel.computeIfAbsent(r.getAs("model"), k -> new TreeMap<>())
                    .computeIfAbsent(new Scaling.Line(r.getAs("width"), r.getAs("data_size")), k -> new TreeMap<>())
                    .computeIfAbsent(r.getAs("replica"), k -> new TreeMap<>())
                    .put(r.getAs("temperature"), new double[] {r.getAs("c_fluct"), r.getAs("c_fluct_err"),
                            r.getAs("energy_mean"), r.getAs("energy_mean_err")});
        }
        List<Row> response = new ArrayList<>();
        for (var model : byModel.entrySet()) {
            for (var line : model.getValue().entrySet()) {
                LineCells cellsOfLine = LineCells.of(line.getValue());
                lines.computeIfAbsent(model.getKey(), k -> new TreeMap<>()).put(line.getKey(), cellsOfLine);
                for (FluctuationResponse.Point p : FluctuationResponse.of(cellsOfLine.temperature(),
                        cellsOfLine.energy(), cellsOfLine.energyErr(), cellsOfLine.c(), cellsOfLine.cErr())) {
                    response.add(RowFactory.create(model.getKey(), line.getKey().width(), line.getKey().dataSize(),
                            p.temperature(), p.response().value(), p.response().error(), p.z(), p.flagged()));
                }
            }
        }

        Dataset<Row> curves = usable.groupBy("model", "width", "data_size", "temperature")
                .agg(count(lit(1)).cast("int").as("replicas"),
                        avg("c_fluct").as("c_mean"),
                        sqrt(sum(pow(col("c_fluct_err"), 2))).divide(count(lit(1))).as("c_err_stat"),
                        stddev_samp("c_fluct").divide(sqrt(count(lit(1)))).as("c_err_replica"),
                        avg("energy_mean").as("energy_mean"),
                        sqrt(sum(pow(col("energy_mean_err"), 2))).divide(count(lit(1))).as("energy_mean_err"),
                        avg("psi_mean").as("psi_mean"),
                        max("tau_int").as("tau_int_max"),
                        sum(when(col("status").equalTo(CellResult.OK), 0).otherwise(1)).cast("int")
                                .as("n_unreliable"),
                        first("config_hash").as("config_hash"))
                .withColumn("c_err", when(col("c_err_replica").isNull(), col("c_err_stat"))
                        .otherwise(greatest(col("c_err_stat"), col("c_err_replica"))))
                .join(spark.createDataFrame(response, RESPONSE),
                        scala.jdk.javaapi.CollectionConverters.asScala(
                                List.of("model", "width", "data_size", "temperature")).toSeq(), "left")
                .select("model", "width", "data_size", "temperature", "replicas", "c_mean", "c_err", "c_err_stat",
                        "c_err_replica", "c_resp", "c_resp_err", "fr_z", "fr_flag", "energy_mean",
                        "energy_mean_err", "psi_mean", "tau_int_max", "n_unreliable", "config_hash")
                .orderBy("model", "width", "data_size", "temperature");
        curves.coalesce(1).write().mode("overwrite").parquet(out.curves().toString());
        List<Row> curveRows = spark.read().parquet(out.curves().toString())
                .orderBy("model", "width", "data_size", "temperature").collectAsList();

        List<FitResult> fits = new ArrayList<>();
        List<Row> fitRows = new ArrayList<>();
        String hash = curveRows.isEmpty() ? "" : curveRows.get(0).getAs("config_hash");
        long seed = hash.isEmpty() ? 0L : Long.parseUnsignedLong(hash, 16);
        for (var model : lines.entrySet()) {
            Map<Scaling.Line, Curve> curvesOfModel = new TreeMap<>();
            model.getValue().forEach((line, c) -> curvesOfModel.put(line, c.curve()));
            for (FitResult f : Scaling.fit(curvesOfModel, seed)) {
                fits.add(f);
                fitRows.add(FitRows.toRow(f, model.getKey(), hash));
            }
        }
        spark.createDataFrame(fitRows, FitRows.SCHEMA).coalesce(1).write().mode("overwrite")
                .parquet(out.fits().toString());
        return new Outcome(curveRows, fits, skipped);
    }
}
