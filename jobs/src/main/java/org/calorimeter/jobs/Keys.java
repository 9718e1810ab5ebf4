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
