package org.calorimeter.jobs;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.apache.spark.sql.SparkSession;

/**
 * The live progress line of a sweep, from a SparkListener on the driver: cells done / total, running, failed
 * attempts, cells per minute and ETA, printed every {@link #PERIOD_MS} ms (a new line each time, so logs stay
 * readable) and once at the end. Cells done and failed come from accumulators the cell tasks add to; running tasks and
 * retried attempts from the listener's task events while the sweep runs.
 */
final class Progress extends SparkListener {
    static final long PERIOD_MS = 10_000;

    private final SparkSession spark;
    private final int total;
    private final int already;
    private final long start = System.nanoTime();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger failedAttempts = new AtomicInteger();
    private final java.util.Set<Integer> committing = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final PrintStream out = System.out;
    private final Thread ticker;
    private volatile boolean stopped;

    private Progress(SparkSession spark, int total, int already) {
        this.spark = spark;
        this.cellsDone = spark.sparkContext().longAccumulator("calorimeter cells done");
        this.cellsFailed = spark.sparkContext().longAccumulator("calorimeter cells failed");
        this.total = total;
        this.already = already;
        this.ticker = new Thread(() -> {
            while (!stopped) {
                try {
                    Thread.sleep(PERIOD_MS);
                } catch (InterruptedException e) {
                    return;
                }
                if (!stopped) print();
            }
        }, "calorimeter-progress");
        ticker.setDaemon(true);
    }

    /** Attaches a progress reporter for {@code total} cells still to run ({@code already} committed before). */
    static Progress attach(SparkSession spark, int total, int already) {
        Progress p = new Progress(spark, total, already);
        spark.sparkContext().addSparkListener(p);
        p.ticker.start();
        return p;
    }

    @Override
    public void onTaskStart(SparkListenerTaskStart e) {
        running.incrementAndGet();
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd e) {
        running.decrementAndGet();
        if (!e.taskInfo().successful()) failedAttempts.incrementAndGet();
    }

    /** Counts a finished cell (called from the cell tasks through {@link #cellsDone}). */
    final org.apache.spark.util.LongAccumulator cellsDone;
    final org.apache.spark.util.LongAccumulator cellsFailed;

    /** Marks batch {@code index} as committing (its cells computed, its files being written) or done. */
    void committing(int index, boolean on) {
        if (on) committing.add(index);
        else committing.remove(index);
    }

    String line() {
        int d = (int) Math.min(cellsDone.value(), total);
        double minutes = (System.nanoTime() - start) / 6e10;
        double rate = minutes > 0 ? d / minutes : 0;
        String eta = rate > 0 && d < total ? String.format(Locale.ROOT, "%.1f min", (total - d) / rate) : "-";
        return String.format(Locale.ROOT, "calorimeter: cells %d/%d done%s, %d running, %d failed, "
                + "%.1f cells/min, ETA %s%s%s", d, total, already > 0 ? " (+" + already + " committed before)" : "",
                Math.max(0, running.get()), cellsFailed.value(), rate, eta,
                committing.isEmpty() ? "" : ", committing batch " + new java.util.TreeSet<>(committing).toString()
                        .replaceAll("[\\[\\]]", ""),
                failedAttempts.get() > 0 ? " (" + failedAttempts.get() + " task attempts retried)" : "");
    }

    private void print() {
        out.println(line());
    }

    void finish() {
        stopped = true;
        ticker.interrupt();
        spark.sparkContext().removeSparkListener(this);
        print();
    }
}
