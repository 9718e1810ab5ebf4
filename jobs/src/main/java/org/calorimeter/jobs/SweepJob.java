package org.calorimeter.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.calorimeter.core.cell.CellKey;
import org.calorimeter.core.cell.CellRunner;
import org.calorimeter.core.config.SweepConfig;

/**
 * The sweep stage: the grid is expanded on the driver, every cell becomes one Spark task (largest first, so big
 * cells never queue behind each other at the end), each task runs the cell in core and returns one row, and the
 * rows are written to {@code cells/} as Parquet, with each chain's bounded, thinned trace in {@code traces/}. The full
 * sample series never leave the task.
 */
public final class SweepJob {
    /** Rows per output file: a file per ~5000 cells keeps sweeps of thousands of cells to a few files. */
    static final int ROWS_PER_FILE = 5000;

    private SweepJob() {}

    /** Every cell, most expensive first: Spark launches tasks in partition order, so this is LPT scheduling. */
    public static List<CellKey> schedule(SweepConfig config) {
        List<CellKey> cells = new ArrayList<>(CellKey.grid(config));
        cells.sort(Comparator.comparingDouble((CellKey k) -> -k.cost(config))
                .thenComparingInt(CellKey::width).thenComparingInt(CellKey::dataSize)
                .thenComparingDouble(CellKey::temperature).thenComparingInt(CellKey::replica));
        return cells;
    }

    /** Runs every cell and writes {@code cells/}; returns the number of cells per status. */
    public static Map<String, Long> run(SparkSession spark, SweepConfig config, OutputDir out) {
        return run(spark, config, out, null);
    }

    /** With user data (null: the synthetic teacher), broadcast once to the executors. */
    public static Map<String, Long> run(SparkSession spark, SweepConfig config, OutputDir out,
                                        org.calorimeter.core.model.Dataset data) {
        return run(spark, config, out, data, k -> true, false);
    }

    /**
     * Runs the cells of the grid that {@code include} accepts; with {@code append} the rows are added to existing
     * cells/ and traces/ (a refinement pass), otherwise those folders must not exist yet.
     */
    public static Map<String, Long> run(SparkSession spark, SweepConfig config, OutputDir out,
                                        org.calorimeter.core.model.Dataset data,
                                        java.util.function.Predicate<CellKey> include, boolean append) {
        List<CellKey> cells = new ArrayList<>(schedule(config).stream().filter(include).toList());
        String hash = config.hash();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        jsc.setJobDescription("calorimeter sweep " + config.name() + ": " + cells.size() + " cells");
        Broadcast<org.calorimeter.core.model.Dataset> shared = data == null ? null : jsc.broadcast(data);
        JavaRDD<Row> rows = jsc.parallelize(cells, cells.size())
                .map(key -> CellRows.toRow(CellRunner.runWithTraces(config, key, hash,
                        shared == null ? null : shared.value())));
        // Computed once (persisted), then written twice: the cells first, then their traces.
        Dataset<Row> df = spark.createDataFrame(rows, CellRows.WITH_TRACES).persist(StorageLevel.MEMORY_AND_DISK());
        int files = Math.max(1, (cells.size() + ROWS_PER_FILE - 1) / ROWS_PER_FILE);
        try {
            String mode = append ? "append" : "errorifexists";
            df.drop("traces").repartition(files).write().mode(mode).parquet(out.cells().toString());
            df.select(col("model"), col("width"), col("data_size"), col("temperature"), col("replica"),
                            col("config_hash"), explode(col("traces")).as("t"))
                    .select(col("model"), col("width"), col("data_size"), col("temperature"), col("replica"),
                            col("t.chain").as("chain"), col("t.stride").as("stride"), col("t.energy").as("energy"),
                            col("t.psi").as("psi"), col("config_hash"))
                    .repartition(files).write().mode(mode).parquet(out.traces().toString());
        } finally {
            df.unpersist();
        }
        Map<String, Long> byStatus = new TreeMap<>();
        for (Row r : spark.read().parquet(out.cells().toString()).groupBy("status").count().collectAsList()) {
            byStatus.put(r.getString(0), r.getLong(1));
        }
        return byStatus;
    }
}
