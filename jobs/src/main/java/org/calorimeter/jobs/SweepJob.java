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
import org.calorimeter.core.cell.CellResult;
import org.calorimeter.core.cell.CellRunner;
import org.calorimeter.core.cell.Line;
import org.calorimeter.core.cell.LineRunner;
import java.util.Set;
import java.util.function.Predicate;
import org.calorimeter.core.config.SweepConfig;

/**
 * The sweep stage: the grid is expanded on the driver, every line (with replica exchange) or cell becomes one Spark
 * task (largest first, so big tasks never queue behind each other at the end), each task runs in core and returns one
 * row per temperature, and the
 * rows are written to {@code cells/} as Parquet, with each chain's bounded, thinned trace in {@code traces/}. The full
 * sample series never leave the task.
 */
public final class SweepJob {
    private SweepJob() {}

    /** Every cell, most expensive first: Spark launches tasks in partition order, so this is LPT scheduling. */
    public static List<CellKey> schedule(SweepConfig config) {
        List<CellKey> cells = new ArrayList<>(CellKey.grid(config));
        cells.sort(Comparator.comparingDouble((CellKey k) -> -k.cost(config))
                .thenComparingInt(CellKey::width).thenComparingInt(CellKey::dataSize)
                .thenComparingDouble(CellKey::temperature).thenComparingInt(CellKey::replica));
        return cells;
    }

    /**
     * One Spark task: a line at some of its grid temperatures: all of them with replica exchange (the line runs
     * together), one without (each cell its own task).
     */
    public record Task(Line line, List<Double> temperatures, double cost) implements java.io.Serializable {}

    /** Whether the sweep's lines run whole (replica exchange with at least two temperatures). */
    public static boolean byLine(SweepConfig config) {
        return config.sampler().exchange().on() && config.grid().temperatures().size() >= 2;
    }

    /**
     * The tasks for the cells {@code include} accepts that have no committed row, most expensive first. By line, a line
     * runs whole if any of its included grid cells is missing; {@code rerun} receives the lines that already have
     * rows (a refinement that changed their ladder), whose old rows must go first.
     */
    static List<Task> tasks(SweepConfig config, Set<CellKey> done, Predicate<CellKey> include, Set<Line> rerun) {
        List<Task> tasks = new ArrayList<>();
        if (byLine(config)) {
            for (Line line : Line.all(config)) {
                List<CellKey> cells = line.cells(config);
                if (cells.stream().filter(include).allMatch(done::contains)) continue;
                if (cells.stream().anyMatch(done::contains)) rerun.add(line);
                tasks.add(new Task(line, config.grid().temperatures(),
                        cells.stream().mapToDouble(k -> k.cost(config)).sum()));
            }
        } else {
            for (CellKey k : CellKey.grid(config)) {
                if (include.test(k) && !done.contains(k)) {
                    tasks.add(new Task(k.line(), List.of(k.temperature()), k.cost(config)));
                }
            }
        }
        tasks.sort(Comparator.comparingDouble((Task t) -> -t.cost()).thenComparing(Task::line)
                .thenComparingDouble(t -> t.temperatures().get(0)));
        return tasks;
    }

    /** Tasks per committed batch at least: a crash loses at most the batches in flight. */
    static final int BATCH = 32;

    /**
     * Tasks per batch for a cluster of {@code slots} task slots: 32, or half the slots on a large cluster, so that
     * three batches in flight fill it without thousands of tiny commits.
     */
    static int batchSize(int slots) {
        return Math.max(BATCH, (slots + 1) / 2);
    }

    /** Batches in flight: enough tasks for every slot, plus one whose tail and commit run meanwhile. */
    static int inFlight(int slots, int batchSize) {
        return (slots + batchSize - 1) / batchSize + 1;
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
     * Runs the cells of the grid that {@code include} accepts and that no committed batch holds yet (with
     * {@code retryFailed}, also those whose committed row is {@code failed}: that row is dropped first). Tasks (lines
     * with exchange, else cells) run in batches of {@link #batchSize} (most expensive first), {@link #inFlight} of them at
     * once so that every task slot stays busy while a batch commits, and each batch is committed
     * as cells/batch=K and traces/batch=K, each with Spark's _SUCCESS marker; a batch missing either marker is
     * incomplete and is removed and rerun on the next run. So a killed sweep, rerun with the same command, completes
     * with one row per cell, and a batch always holds whole lines.
     */
    public static Map<String, Long> run(SparkSession spark, SweepConfig config, OutputDir out,
                                        org.calorimeter.core.model.Dataset data,
                                        Predicate<CellKey> include, boolean retryFailed) {
        Batches batches = Batches.scan(out);
        Set<CellKey> done = batches.completedCells(spark, retryFailed);
        Set<Line> rerun = new java.util.TreeSet<>();
        List<Task> tasks = tasks(config, done, include, rerun);
        if (!rerun.isEmpty()) {
            batches.dropLines(spark, rerun);
            done = batches.completedCells(spark, false);
        }
        int todo = tasks.stream().mapToInt(t -> t.temperatures().size()).sum();
        String hash = config.hash();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<org.calorimeter.core.model.Dataset> shared = data == null ? null : jsc.broadcast(data);
        Progress progress = Progress.attach(spark, todo, (int) done.stream().filter(k -> !rerun.contains(k.line()))
                .count());
        try {
            int next = batches.nextIndex();
            int size = batchSize(jsc.sc().defaultParallelism());
            List<List<Task>> pending = new ArrayList<>();
            for (int from = 0; from < tasks.size(); from += size) {
                pending.add(tasks.subList(from, Math.min(tasks.size(), from + size)));
            }
            // Several batches in flight, each committed by its own driver thread: the next batch's cells fill the
            // slots while the last one's tail and commit run (one batch at a time left the cluster idle then).
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "calorimeter-batch");
                t.setDaemon(true);
                return t;
            });
            java.util.concurrent.ExecutorCompletionService<Integer> completions =
                    new java.util.concurrent.ExecutorCompletionService<>(pool);
            int inFlight = 0;
            RuntimeException failure = null;
            try {
                int submitted = 0;
                while (submitted < pending.size() || inFlight > 0) {
                    while (failure == null && submitted < pending.size()
                            && inFlight < inFlight(jsc.sc().defaultParallelism(), size)) {
                        List<Task> batch = pending.get(submitted++);
                        int index = next++;
                        String description = "calorimeter sweep " + config.name() + ": batch " + index + ", "
                                + batch.size() + (byLine(config) ? " lines" : " cells");
                        org.apache.spark.util.LongAccumulator cellsDone = progress.cellsDone;
                        org.apache.spark.util.LongAccumulator cellsFailed = progress.cellsFailed;
                        completions.submit(() -> {
                            jsc.setJobDescription(description);
                            JavaRDD<Row> rows = jsc.parallelize(new ArrayList<>(batch), batch.size())
                                    .flatMap(task -> {
                                        List<CellRunner.Outcome> outcomes = LineRunner.run(config, task.line(),
                                                task.temperatures(), hash, shared == null ? null : shared.value());
                                        List<Row> out1 = new ArrayList<>(outcomes.size());
                                        for (CellRunner.Outcome o : outcomes) {
                                            if (!o.result().exchange().ladder()) cellsDone.add(1);
                                            if (CellResult.FAILED.equals(o.result().status())) cellsFailed.add(1);
                                            out1.add(CellRows.toRow(o));
                                        }
                                        return out1.iterator();
                                    });
                            writeBatch(spark, rows, out, index, progress);
                            return index;
                        });
                        inFlight++;
                    }
                    // Wake at least every second: executors that register later raise the number in flight.
                    java.util.concurrent.Future<Integer> f = completions.poll(1, java.util.concurrent.TimeUnit.SECONDS);
                    if (f == null) continue;
                    inFlight--;
                    try {
                        f.get();
                    } catch (java.util.concurrent.ExecutionException e) {
                        // The first failure stops new batches; those in flight finish and commit (or fail) first.
                        if (failure == null) {
                            failure = e.getCause() instanceof RuntimeException r ? r
                                    : new IllegalStateException(e.getCause());
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while batches ran", e);
            } finally {
                pool.shutdownNow();
            }
            if (failure != null) throw failure;
        } finally {
            progress.finish();
        }
        Map<String, Long> byStatus = new TreeMap<>();
        if (java.nio.file.Files.isDirectory(out.cells())) {
            for (Row r : spark.read().parquet(out.cells().toString()).filter(col("ladder").equalTo(false))
                    .groupBy("status").count().collectAsList()) {
                byStatus.put(r.getString(0), r.getLong(1));
            }
        }
        return byStatus;
    }

    /**
     * One batch: computed once (persisted, every task in parallel), then committed: written as cells/batch=K, then
     * traces/batch=K (the commit marker) and its manifest.
     */
    static void writeBatch(SparkSession spark, JavaRDD<Row> rows, OutputDir out, int index, Progress progress) {
        Dataset<Row> df = spark.createDataFrame(rows, CellRows.WITH_TRACES).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            df.count();
            progress.committing(index, true);
            // repartition (a shuffle), not coalesce: coalesce(1) would run the whole batch in one task.
            df.drop("traces").repartition(1).write().parquet(out.cells().resolve("batch=" + index).toString());
            df.select(col("model"), col("width"), col("depth"), col("data_size"), col("temperature"), col("replica"),
                            col("ladder"), col("config_hash"), explode(col("traces")).as("t"))
                    .select(col("model"), col("width"), col("depth"), col("data_size"), col("temperature"), col("replica"),
                            col("t.chain").as("chain"), col("t.stride").as("stride"), col("t.energy").as("energy"),
                            col("t.psi").as("psi"), col("ladder"), col("config_hash"))
                    .repartition(1).write().parquet(out.traces().resolve("batch=" + index).toString());
            if (java.nio.file.Files.isDirectory(out.manifests())) Manifest.write(out, index);
        } finally {
            progress.committing(index, false);
            df.unpersist();
        }
    }
}
