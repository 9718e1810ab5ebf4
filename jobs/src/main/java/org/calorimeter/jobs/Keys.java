package org.calorimeter.jobs;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.calorimeter.core.cell.CellKey;
import org.calorimeter.core.cell.Line;

/**
 * The Parquet key columns of a line and of a cell, read from {@link Line#KEY_COLUMNS} and {@link CellKey#KEY_COLUMNS}:
 * the one place in the jobs where a row becomes a typed key, so a new grid axis is added here and in those types.
 */
final class Keys {
    private Keys() {}

    /** The line's key columns followed by {@code more}. */
    static String[] line(String... more) {
        return concat(Line.KEY_COLUMNS, more);
    }

    /** The cell's key columns followed by {@code more}. */
    static String[] cell(String... more) {
        return concat(CellKey.KEY_COLUMNS, more);
    }

    /** The line of a row that has the line's key columns. */
    static Line lineOf(Row r) {
        return new Line(r.getAs("width"), depthOf(r), r.getAs("data_size"), r.getAs("replica"));
    }

    /** The grid point of a row that has the cell's key columns. */
    static CellKey cellOf(Row r) {
        return new CellKey(r.getAs("width"), depthOf(r), r.getAs("data_size"), r.<Double>getAs("temperature"),
                r.getAs("replica"));
    }

    /**
     * cells/ or traces/ of an output, read with every batch's columns (mergeSchema: an output resumed across versions
     * has batches with and without the newer columns) and a depth of 1 where a row has none (written before depth
     * became a grid axis).
     */
    static org.apache.spark.sql.Dataset<Row> read(org.apache.spark.sql.SparkSession spark, java.nio.file.Path table) {
        org.apache.spark.sql.Dataset<Row> d = spark.read().option("mergeSchema", "true").parquet(table.toString());
        org.apache.spark.sql.Column one = org.apache.spark.sql.functions.lit(1);
        return java.util.Arrays.asList(d.columns()).contains("depth")
                ? d.withColumn("depth", org.apache.spark.sql.functions.coalesce(d.col("depth"), one))
                : d.withColumn("depth", one);
    }

    /** A row's depth; 1 for a row written before depth became a grid axis (no such column). */
    static int depthOf(Row r) {
        return java.util.Arrays.asList(r.schema().fieldNames()).contains("depth") ? r.<Integer>getAs("depth") : 1;
    }

    private static String[] concat(List<String> key, String... more) {
        List<String> out = new ArrayList<>(key);
        out.addAll(List.of(more));
        return out.toArray(String[]::new);
    }
}
