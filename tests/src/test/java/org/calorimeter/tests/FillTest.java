package org.calorimeter.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.calorimeter.jobs.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep keeps every task slot busy: 96 one-cell tasks on 48 slots (local[48]) run as batches of 32 with several in
 * flight, so at least 44 tasks run at once, and no stretch without a running task is longer than the longest commit
 * of one batch (a commit overlaps the next batch's cells instead of stalling them). Task intervals are the executors'
 * own (launch time plus deserialisation, run and result-serialisation times), read from Spark's listener; the
 * listener's event times would lag by the driver's result handling.
 */
class FillTest {
    @TempDir
    Path tmp;

    /** Registered through spark.extraListeners; records into static fields for the test to read. */
    public static final class Recorder extends SparkListener {
        static final List<long[]> TASKS = new CopyOnWriteArrayList<>();             // {start ms, end ms}
        static final Map<Integer, String> STAGE_BATCH = new ConcurrentHashMap<>();
        static final Map<Integer, String> JOB_BATCH = new ConcurrentHashMap<>();
        static final Map<String, long[]> BATCH_JOBS = new ConcurrentHashMap<>();   // {first job end, last job end}

        static void reset() {
            TASKS.clear();
            STAGE_BATCH.clear();
            JOB_BATCH.clear();
            BATCH_JOBS.clear();
        }

        @Override
        public void onJobStart(SparkListenerJobStart e) {
            String d = e.properties() == null ? null : e.properties().getProperty("spark.job.description");
            if (d == null || !d.contains(": batch ")) return;
            JOB_BATCH.put(e.jobId(), d);
            // The sweep's own stages (their call site is in SweepJob): a thread's job description outlives its batch
            // and would claim later jobs (the aggregation) too.
            scala.jdk.javaapi.CollectionConverters.asJava(e.stageInfos()).forEach(st -> {
                if (st.name().contains("SweepJob")) STAGE_BATCH.put(st.stageId(), d);
            });
        }

        @Override
        public void onTaskEnd(SparkListenerTaskEnd e) {
            if (!STAGE_BATCH.containsKey(e.stageId()) || e.taskMetrics() == null) return;
            long start = e.taskInfo().launchTime();
            long end = start + e.taskMetrics().executorDeserializeTime() + e.taskMetrics().executorRunTime()
                    + e.taskMetrics().resultSerializationTime();
            TASKS.add(new long[] {start, end});
        }

        @Override
        public void onJobEnd(SparkListenerJobEnd e) {
            String d = JOB_BATCH.get(e.jobId());
            if (d == null || !d.contains(": batch ")) return;
            long now = e.time();
            BATCH_JOBS.merge(d, new long[] {now, now}, (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
        }
    }

    @Test
    void fortyEightSlotsAreKeptBusy() throws Exception {
        Path config = Files.writeString(tmp.resolve("fill.yaml"), """
                name: fill
                seed: 4
                model: {family: linear, input_dim: 2, label_noise: 0.1}
                grid: {data_size: [10], temperature: [1.0], replicas: 96}
                sampler: {kind: mala, burn_in: 200, steps: 2000}
                """);
        Recorder.reset();
        System.setProperty("spark.extraListeners", Recorder.class.getName());
        int code;
        try {
            code = Main.execute("sweep", config.toString(), "--out", tmp.resolve("out").toString(), "--master",
                    "local[48]");
        } finally {
            System.clearProperty("spark.extraListeners");
        }
        assertEquals(0, code);
        // Sweep over the task intervals: the most running at once, and the longest stretch with none running.
        List<long[]> events = new ArrayList<>();
        for (long[] t : Recorder.TASKS) {
            events.add(new long[] {t[0], 1});
            events.add(new long[] {t[1], -1});
        }
        events.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        int running = 0, most = 0;
        long idleSince = -1, longestIdle = 0;
        for (long[] ev : events) {
            if (ev[1] > 0 && running == 0 && idleSince >= 0) longestIdle = Math.max(longestIdle, ev[0] - idleSince);
            running += (int) ev[1];
            most = Math.max(most, running);
            if (running == 0) idleSince = ev[0];
        }
        // The commit of a batch: from its cells computed (its first job's end) to its manifest (its last job's end).
        List<Double> commits = new ArrayList<>();
        for (long[] j : Recorder.BATCH_JOBS.values()) commits.add((j[1] - j[0]) / 1e3);
        double longestCommit = commits.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        System.out.printf("fill: %d batches, %d tasks, at most %d running at once on 48 slots, longest idle stretch "
                + "%.3f s, commits %s s%n", commits.size(), Recorder.TASKS.size(), most, longestIdle / 1e3,
                commits.stream().map(c -> String.format("%.2f", c)).toList());
        assertEquals(3, commits.size(), "96 tasks in batches of 32");
        assertTrue(most >= 44, "tasks at once: " + most);
        assertTrue(longestIdle / 1e3 <= longestCommit, "an idle stretch of " + longestIdle / 1e3
                + " s, longer than a commit (" + longestCommit + " s)");
    }
}
