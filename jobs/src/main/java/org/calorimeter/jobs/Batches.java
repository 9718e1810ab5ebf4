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
import org.calorimeter.core.cell.Line;

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

    /**
     * The complete batches. With manifests (every output this version started), a batch is complete when its
     * manifest exists and every file it lists is there with its size and SHA-256; a damaged batch (a file deleted,
     * truncated or changed) is removed like an incomplete one, with one line on {@code log} saying so, and its cells
     * run again. Without manifests (an output from before them), the _SUCCESS markers decide, as they always did.
     */
    static Batches scan(OutputDir out) {
        java.io.PrintStream log = System.out;
        TreeMap<Integer, Boolean> found = new TreeMap<>();
        boolean manifests = Files.isDirectory(out.manifests());
        for (Path dir : new Path[] {out.cells(), out.traces()}) {
            if (!Files.isDirectory(dir)) continue;
            try (Stream<Path> list = Files.list(dir)) {
                for (Path p : list.toList()) {
                    String name = p.getFileName().toString();
                    if (!name.startsWith("batch=")) continue;
                    int k = Integer.parseInt(name.substring("batch=".length()));
                    if (found.containsKey(k)) continue;
                    boolean ok = Files.isRegularFile(out.cells().resolve(name).resolve("_SUCCESS"))
                            && Files.isRegularFile(out.traces().resolve(name).resolve("_SUCCESS"));
                    if (ok && manifests) {
                        String damage = Manifest.check(out, k);
                        if (damage != null) {
                            // No manifest yet: the run was killed after the tables, before its last commit step.
                            if (!damage.equals(Manifest.NONE)) {
                                log.printf("calorimeter: batch %d is damaged (%s): its cells run again%n", k, damage);
                            }
                            ok = false;
                        }
                    }
                    found.put(k, ok);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        // Incomplete or damaged batches are removed: their cells will run again.
        for (var e : found.entrySet()) {
            if (!e.getValue()) remove(out, e.getKey());
        }
        found.values().removeIf(ok -> !ok);
        // A manifest whose batch is gone (removed above, or deleted by hand) goes too.
        if (manifests) {
            try (Stream<Path> list = Files.list(out.manifests())) {
                for (Path m : list.toList()) {
                    Integer k = Manifest.batchOf(m);
                    if (k != null && !found.containsKey(k)) Files.deleteIfExists(m);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new Batches(out, found);
    }

    /**
     * The first damaged complete batch of an output with manifests ("batch K: what"), or null: what {@code aggregate}
     * checks before it reads anything.
     */
    static String damage(OutputDir out) {
        if (!Files.isDirectory(out.manifests()) || !Files.isDirectory(out.cells())) return null;
        try (Stream<Path> list = Files.list(out.cells())) {
            for (Path p : list.sorted().toList()) {
                String name = p.getFileName().toString();
                if (!name.startsWith("batch=") || !Files.isRegularFile(p.resolve("_SUCCESS"))) continue;
                int k = Integer.parseInt(name.substring("batch=".length()));
                String d = Manifest.check(out, k);
                if (d != null) return "batch " + k + ": " + d;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return null;
    }

    /** Deletes batch k everywhere: cells, traces and its manifest. */
    static void remove(OutputDir out, int k) {
        OutputDir.deleteTree(out.cells().resolve("batch=" + k));
        OutputDir.deleteTree(out.traces().resolve("batch=" + k));
        try {
            Files.deleteIfExists(Manifest.path(out, k));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int nextIndex() {
        return complete.isEmpty() ? 0 : complete.lastKey() + 1;
    }

    /**
     * Cells with a committed row (ladder points included). With {@code retryFailed}, failed rows are dropped from their
     * batches (see {@link #drop}) and count as not done.
     */
    Set<CellKey> completedCells(SparkSession spark, boolean retryFailed) {
        Set<CellKey> done = new HashSet<>();
        if (complete.isEmpty()) return done;
        if (retryFailed) {
            Dataset<Row> cells = Keys.read(spark, out.cells());
            drop(spark, cells.filter(cells.col("status").equalTo(CellResult.FAILED)).selectExpr(CELL_KEY));
        }
        Dataset<Row> cells = Keys.read(spark, out.cells());
        for (Row r : cells.selectExpr(CELL_KEY).collectAsList()) done.add(Keys.cellOf(r));
        return done;
    }

    private static final String[] CELL_KEY = Keys.cell();
    private static final String[] LINE_KEY = Keys.line();

    /** Drops every committed row (cells and traces) of {@code lines}: a rerun line replaces all its rows. */
    void dropLines(SparkSession spark, Set<Line> lines) {
        if (complete.isEmpty() || lines.isEmpty()) return;
        Dataset<Row> cells = spark.read().parquet(out.cells().toString());
        String family = CellKey.family(cells.select("model").first().getString(0));
        List<Row> keys = lines.stream().map(l -> org.apache.spark.sql.RowFactory.create(
                CellKey.modelName(family, l.depth()), l.width(), l.depth(), l.dataSize(), l.replica())).toList();
        org.apache.spark.sql.types.StructType schema = new org.apache.spark.sql.types.StructType()
                .add("model", org.apache.spark.sql.types.DataTypes.StringType)
                .add("width", org.apache.spark.sql.types.DataTypes.IntegerType)
                .add("depth", org.apache.spark.sql.types.DataTypes.IntegerType)
                .add("data_size", org.apache.spark.sql.types.DataTypes.IntegerType)
                .add("replica", org.apache.spark.sql.types.DataTypes.IntegerType);
        drop(spark, spark.createDataFrame(keys, schema));
    }

    /**
     * Rewrites every complete batch holding a row whose key columns (those of {@code keys}: a cell's or a line's)
     * match a row of {@code keys} without those rows, under a new batch number, cells and traces alike. The old batch
     * is unmarked first: if the run dies before the new batch is complete, the next scan removes the old one and its
     * cells run again, rather than finding the same cells in two complete batches.
     */
    private void drop(SparkSession spark, Dataset<Row> keys) {
        String[] key = keys.columns();
        scala.collection.immutable.Seq<String> on = scala.jdk.javaapi.CollectionConverters.asScala(List.of(key)).toSeq();
        keys = keys.distinct().cache();
        Dataset<Row> cells = Keys.read(spark, out.cells());
        List<Row> affected = cells.join(keys, on, "left_semi").select("batch").distinct().collectAsList();
        int next = nextIndex();
        for (Row b : affected) {
            int k = b.getInt(0);
            Path oldCells = out.cells().resolve("batch=" + k);
            Path oldTraces = out.traces().resolve("batch=" + k);
            try {
                Files.deleteIfExists(Manifest.path(out, k));
                Files.deleteIfExists(oldTraces.resolve("_SUCCESS"));
                Files.deleteIfExists(oldCells.resolve("_SUCCESS"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (Path[] from : new Path[][] {{oldCells, out.cells()}, {oldTraces, out.traces()}}) {
                Dataset<Row> old = Keys.read(spark, from[0]);
                // A join on named columns puts them first: select the original order back, so every batch of a table
                // has one column order.
                old.join(keys, on, "left_anti").selectExpr(old.columns()).coalesce(1).write()
                        .parquet(from[1].resolve("batch=" + next).toString());
            }
            if (Files.isDirectory(out.manifests())) Manifest.write(out, next);
            OutputDir.deleteTree(oldCells);
            OutputDir.deleteTree(oldTraces);
            complete.remove(k);
            complete.put(next++, true);
        }
        keys.unpersist();
    }
}
