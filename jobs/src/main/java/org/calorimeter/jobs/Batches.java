package org.calorimeter.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.calorimeter.core.cell.CellKey;
import org.calorimeter.core.cell.CellResult;

/**
 * The committed pieces of a sweep's output: cells/batch=K and traces/batch=K. A batch is complete when both carry
 * Spark's _SUCCESS marker (traces are written second); anything else is the remains of a run that was killed and is
 * removed before the sweep goes on. Reading cells/ as one table gives the column {@code batch}.
 */
final class Batches {
    private final OutputDir out;
    private final TreeMap<Integer, Boolean> complete;

    private Batches(OutputDir out, TreeMap<Integer, Boolean> complete) {
        this.out = out;
        this.complete = complete;
    }

    static Batches scan(OutputDir out) {
        TreeMap<Integer, Boolean> found = new TreeMap<>();
        for (Path dir : new Path[] {out.cells(), out.traces()}) {
            if (!Files.isDirectory(dir)) continue;
            try (Stream<Path> list = Files.list(dir)) {
                for (Path p : list.toList()) {
                    String name = p.getFileName().toString();
                    if (!name.startsWith("batch=")) continue;
                    int k = Integer.parseInt(name.substring("batch=".length()));
                    boolean ok = Files.isRegularFile(out.cells().resolve(name).resolve("_SUCCESS"))
                            && Files.isRegularFile(out.traces().resolve(name).resolve("_SUCCESS"));
                    found.put(k, ok);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        // Incomplete batches (a run killed while writing them) are removed: their cells will run again.
        for (var e : found.entrySet()) {
            if (!e.getValue()) {
                OutputDir.deleteTree(out.cells().resolve("batch=" + e.getKey()));
                OutputDir.deleteTree(out.traces().resolve("batch=" + e.getKey()));
            }
        }
        found.values().removeIf(ok -> !ok);
        return new Batches(out, found);
    }

    int nextIndex() {
        return complete.isEmpty() ? 0 : complete.lastKey() + 1;
    }

    /**
     * Cells with a committed row. With {@code retryFailed}, failed rows are dropped from their batches (each such
     * batch is rewritten without them, under a new batch number, before the old one is removed) and count as not done.
     */
    Set<CellKey> completedCells(SparkSession spark, boolean retryFailed) {
        Set<CellKey> done = new HashSet<>();
        if (complete.isEmpty()) return done;
        Dataset<Row> cells = spark.read().parquet(out.cells().toString());
        if (retryFailed) {
            List<Row> failedBatches = cells.filter(cells.col("status").equalTo(CellResult.FAILED)).select("batch")
                    .distinct().collectAsList();
            int next = nextIndex();
            for (Row b : failedBatches) {
                int k = b.getInt(0);
                Path oldCells = out.cells().resolve("batch=" + k);
                Path oldTraces = out.traces().resolve("batch=" + k);
                // Unmark the old batch first: if the run dies before the new batch is complete, the next scan removes
                // the old one and reruns its cells, rather than finding the same cells in two complete batches.
                try {
                    Files.deleteIfExists(oldTraces.resolve("_SUCCESS"));
                    Files.deleteIfExists(oldCells.resolve("_SUCCESS"));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                Dataset<Row> keep = spark.read().parquet(oldCells.toString())
                        .filter(org.apache.spark.sql.functions.col("status").notEqual(CellResult.FAILED));
                keep.coalesce(1).write().parquet(out.cells().resolve("batch=" + next).toString());
                // A failed cell normally has no traces; any it has go with it (the rerun writes its own).
                String[] key = {"model", "width", "data_size", "temperature", "replica"};
                Dataset<Row> failedKeys = spark.read().parquet(oldCells.toString())
                        .filter(org.apache.spark.sql.functions.col("status").equalTo(CellResult.FAILED))
                        .selectExpr(key);
                spark.read().parquet(oldTraces.toString())
                        .join(failedKeys, scala.jdk.javaapi.CollectionConverters.asScala(List.of(key)).toSeq(),
                                "left_anti")
                        .coalesce(1).write().parquet(out.traces().resolve("batch=" + next).toString());
                OutputDir.deleteTree(oldCells);
                OutputDir.deleteTree(oldTraces);
                complete.remove(k);
                complete.put(next++, true);
            }
            cells = spark.read().parquet(out.cells().toString());
        }
        for (Row r : cells.select("width", "data_size", "temperature", "replica").collectAsList()) {
            done.add(new CellKey(r.getInt(0), r.getInt(1), r.getDouble(2), r.getInt(3)));
        }
        return done;
    }
}
