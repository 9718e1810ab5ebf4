package org.calorimeter.bench;

import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.sum;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.calorimeter.jobs.OutputDir;
import org.calorimeter.jobs.Sessions;

/**
 * Prints "cells N wall_seconds S" for a sweep's output folder: the cells' own time, which bench/run sets against
 * the sweep stage's wall time to get the Spark + Parquet overhead per cell.
 */
public final class CellTime {
    private CellTime() {
    }

    public static void main(String[] args) {
        OutputDir out = new OutputDir(java.nio.file.Path.of(args[0]));
        SparkSession spark = Sessions.start("cell-time", "local[1]");
        try {
            Row r = spark.read().parquet(out.cells().toString()).agg(count("*"), sum("wall_seconds")).first();
            System.out.println("cells " + r.getLong(0) + " wall_seconds " + r.getDouble(1));
        } finally {
            spark.stop();
        }
    }
}
