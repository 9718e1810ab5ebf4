package org.calorimeter.jobs;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.calorimeter.core.cell.CellResult;
import org.calorimeter.core.config.ConfigException;
import org.calorimeter.core.config.ConfigLoader;
import org.calorimeter.core.cell.CellKey;
import org.calorimeter.core.config.SweepConfig;
import org.calorimeter.core.model.Dataset;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Command line: {@code sweep CONFIG [--out DIR] [--master M] [--overwrite]} and {@code aggregate DIR}; {@code --verbose}
 * anywhere adds the stack trace to a failure's one line.
 * Exit codes: 0 success; 1 a cell or the run failed; 2 bad input (config, flags, output folder), reported
 * before any Spark job starts.
 */
@Command(name = "calorimeter", mixinStandardHelpOptions = true, version = "calorimeter",
        subcommands = {Main.Sweep.class, Main.Aggregate.class, Main.Refine.class, Main.Calibrate.class, Main.Anneal.class},
        description = "Learning heat capacity sweeps on Apache Spark.")
public final class Main implements Runnable {
    public static final int BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: sweep, aggregate, refine or calibrate");
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        String kernels = org.calorimeter.core.kernel.Kernels.optionError();
        if (kernels != null) {
            System.err.println("calorimeter: " + kernels);
            return BAD_INPUT;
        }
        boolean verbose = java.util.Arrays.asList(args).contains("--verbose");
        if (verbose) args = java.util.Arrays.stream(args).filter(a -> !a.equals("--verbose")).toArray(String[]::new);
        if (!verbose) quietTaskFailures();
        CommandLine cl = new CommandLine(new Main());
        // A malformed command line is one line naming what is wrong (picocli's message names the option), exit 2.
        cl.setParameterExceptionHandler((ex, args1) -> {
            if (ex instanceof CommandLine.UnmatchedArgumentException u && u.getCommandLine() == cl
                    && !u.getUnmatched().isEmpty() && !u.getUnmatched().get(0).startsWith("-")) {
                ex.getCommandLine().getErr().println("calorimeter: unknown command '" + u.getUnmatched().get(0)
                        + "'; allowed: " + String.join(", ", cl.getSubcommands().keySet()) + " (see --help)");
                return BAD_INPUT;
            }
            ex.getCommandLine().getErr().println("calorimeter: " + ex.getMessage().strip().replace('\n', ' ')
                    + " (see --help)");
            return BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof ConfigException || ex instanceof UsageException) {
                cmd.getErr().println("calorimeter: " + ex.getMessage());
                return BAD_INPUT;
            }
            // A fault (disk full, permission, a damaged file, a lost executor) is one line naming its root cause;
            // the stack trace only with --verbose.
            cmd.getErr().println("calorimeter: the run failed: " + oneLine(ex)
                    + (verbose ? "" : " (--verbose shows the stack trace)"));
            if (verbose) ex.printStackTrace(cmd.getErr());
            return 1;
        });
        try {
            return cl.execute(args);
        } catch (Error e) {
            // Errors escape picocli's handler (it takes Exceptions): Hadoop's FSError on a full disk, thrown while a
            // job commits on the driver, is one; it is a fault like any other, one line and exit 1.
            System.err.println("calorimeter: the run failed: " + oneLine(e)
                    + (verbose ? "" : " (--verbose shows the stack trace)"));
            if (verbose) e.printStackTrace();
            return 1;
        }
    }

    /**
     * The root cause of a failure in one line: its class and the first line of its message (at most 300 characters),
     * and where it came from when the outermost exception says more (a Spark job's stage).
     */
    static String oneLine(Throwable ex) {
        Throwable root = ex;
        java.util.Set<Throwable> seen = new java.util.HashSet<>();
        while (root.getCause() != null && seen.add(root)) root = root.getCause();
        String message = root.getMessage() == null ? "" : root.getMessage().strip().lines().findFirst().orElse("");
        // Parquet quotes the bytes it found instead of its magic number: the file is named, its content never shown.
        int parquet = message.indexOf("is not a Parquet file");
        if (parquet >= 0) message = message.substring(0, parquet + "is not a Parquet file".length());
        if (message.length() > 300) message = message.substring(0, 300) + "...";
        String text = root.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
        if (root instanceof IllegalStateException && message.contains("stopped SparkContext")) {
            // Spark stopped the application under us: on a cluster, its master gave up on it (unreachable, or
            // authentication refused) and logged why just above.
            text += " (the cluster stopped the application: see the ERROR line above, e.g. a master that is "
                    + "unreachable or refuses this driver's authentication secret)";
        }
        if (root instanceof java.io.InvalidClassException && message.contains("local class incompatible")) {
            text += " (the executors run another Spark version than this driver's "
                    + org.apache.spark.package$.MODULE$.SPARK_VERSION() + ": submit with the cluster's own Spark, "
                    + "SPARK_HOME=/path/to/its/distribution submit/cluster ...)";
        }
        if (root instanceof java.nio.file.FileSystemException || root instanceof java.io.IOException) {
            String m = String.valueOf(root.getMessage());
            if (m.contains("No space left")) text += " (the disk is full)";
            if (m.contains("Mkdirs failed") || m.contains("Permission denied") || m.contains("Read-only file system")) {
                text += " (the output folder is not writable)";
            }
        }
        return text;
    }

    /**
     * Spark's loggers that print a failed task's stack trace (and retry it up to four times) on the driver's console:
     * without --verbose a fault is the one line {@link #oneLine} prints, so these are turned off for this JVM.
     */
    static final java.util.List<String> TASK_FAILURE_LOGGERS = java.util.List.of(
            "org.apache.spark.scheduler.TaskSetManager", "org.apache.spark.executor.Executor",
            "org.apache.spark.scheduler.TaskSchedulerImpl", "org.apache.spark.sql.execution.datasources.FileScanRDD",
            "org.apache.spark.sql.execution.datasources.FileFormatWriter",
            // a failed write (disk full, read-only): "Aborting task" with the stack trace, per attempt
            "org.apache.spark.util.Utils", "org.apache.spark.internal.io.SparkHadoopWriter",
            "org.apache.spark.sql.execution.datasources.FileFormatDataWriter",
            "org.apache.hadoop.mapreduce.lib.output.FileOutputCommitter",
            // messages dropped while a failed application shuts down
            "org.apache.spark.rpc.netty.Dispatcher",
            // a standalone master that refuses the driver: a stack trace per retry (its ERROR line stays)
            "org.apache.spark.deploy.client.StandaloneAppClient$ClientEndpoint");

    static void quietTaskFailures() {
        for (String name : TASK_FAILURE_LOGGERS) {
            org.apache.logging.log4j.core.config.Configurator.setLevel(name, org.apache.logging.log4j.Level.OFF);
        }
    }

    /** {@code --master}, shared by the commands and checked before Spark sees it. */
    static final class MasterOption {
        @Option(names = "--master", paramLabel = "M", description = "Spark master (default local[*])")
        String value;

        String checked() {
            return checkMaster(value);
        }
    }

    static String checkMaster(String master) {
        if (master == null) return null;
        if (master.matches("local(\\[(\\*|[1-9][0-9]*)(,[0-9]+)?])?") || master.startsWith("spark://")
                || master.equals("yarn") || master.startsWith("k8s://")) {
            return master;
        }
        throw new UsageException("--master: '" + master + "' is not a Spark master; allowed: local, local[K], local[*], "
                + "spark://HOST:PORT, yarn, k8s://URL");
    }

    @Command(name = "sweep", mixinStandardHelpOptions = true,
            description = "Run every cell of a sweep config, then the aggregation.")
    static final class Sweep implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "CONFIG", description = "sweep YAML file")
        Path config;

        @Option(names = "--out", paramLabel = "DIR", description = "output folder (default runs/<name>)")
        Path out;

        @CommandLine.Mixin
        MasterOption master;

        @Option(names = "--overwrite", description = "replace the results of an earlier sweep in --out")
        boolean overwrite;

        @Option(names = "--retry-failed", description = "when resuming, also rerun cells whose status is failed")
        boolean retryFailed;

        @Option(names = "--max-cells", paramLabel = "N", defaultValue = "1000000",
                description = "refuse a grid of more cells than this (default ${DEFAULT-VALUE}; a guard against a typo "
                        + "in a grid, raise it for a sweep this large)")
        long maxCells = 1_000_000;   // also the default of a Sweep made in code (calibrate), which picocli does not fill

        @Option(names = "--fail-on", paramLabel = "WHEN", defaultValue = "diverged",
                description = "exit 1 when a cell is: failed (failed only), diverged (failed, diverged or stuck: no "
                        + "number to trust; the default), any (not ok, short_chain and unmixed included)")
        String failOn = "diverged";   // as maxCells

        @Option(names = "--set", paramLabel = "KEY=VALUE",
                description = "override one key of CONFIG, e.g. --set grid.replicas=4 --set sampler.kind=hmc (the value "
                        + "is YAML; the override is checked like the file and is part of the resolved config and hash)")
        java.util.List<String> overrides = new java.util.ArrayList<>();

        @Override
        public Integer call() {
            Instant start = Instant.now();
            failingStatuses(failOn);   // checked before anything runs
            SweepConfig cfg = ConfigLoader.load(config, overrides);
            if (maxCells < 1) {
                throw new UsageException("--max-cells: " + maxCells + " is not allowed; expected an integer >= 1");
            }
            long cells = cfg.grid().cells();
            if (cells > maxCells) {
                throw new UsageException("grid: " + cells + " cells exceed --max-cells " + maxCells
                        + "; pass --max-cells " + cells + " if a sweep this large is meant");
            }
            OutputDir dir = new OutputDir(out != null ? out : Path.of("runs", cfg.name()));
            dir.checkWritable(cfg, overwrite);
            String m = master.checked();
            // User data is read and checked here, before Spark starts; cells use its first D rows.
            Dataset data = cfg.model().data() == null ? null : DataFiles.read(cfg.model().data(),
                    cfg.grid().dataSizes().get(cfg.grid().dataSizes().size() - 1));
            String dataHash = cfg.model().data() == null ? null
                    : DataFiles.sha256(Path.of(cfg.model().data().path()));
            dir.checkData(dataHash, overwrite);
            try (OutputDir.Lock lock = dir.lock()) {
                Map<String, Object> complete = overwrite || retryFailed ? null : dir.completed(cfg.hash());
                // Only with manifests, which vouch that the committed files are the ones the finished pass wrote.
                if (complete != null && java.nio.file.Files.isDirectory(dir.manifests())
                        && Batches.damage(dir) == null) {
                    System.out.printf("calorimeter: complete: %s holds all %d cells of this sweep %s, aggregated; "
                            + "nothing to do (aggregate %s redoes the aggregation, --overwrite starts over)%n",
                            dir.root(), cfg.grid().cellCount(), complete, dir.root());
                    Map<String, Long> counts = new TreeMap<>();
                    complete.forEach((k, v) -> counts.put(k, ((Number) v).longValue()));
                    return exitCode(counts, failOn, dir);
                }
                return run(cfg, dir, m, data, dataHash, start);
            }
        }

        private Integer run(SweepConfig cfg, OutputDir dir, String m, Dataset data, String dataHash, Instant start) {
            PrintStream o = System.out;
            o.printf("calorimeter: sweep %s (config_hash %s): %d cells -> %s%n", cfg.name(), cfg.hash(),
                    cfg.grid().cellCount(), dir.root());
            SparkSession spark = Sessions.start(cfg.name(), m);
            try {
                dir.begin(cfg, overwrite, dataHash);
                if (dir.resuming() && !overwrite) {
                    o.printf("calorimeter: resuming in %s: cells with a committed row are kept, the rest run%s%n",
                            dir.root(), retryFailed ? " (failed cells too)" : "");
                }
                Map<String, Long> counts = SweepJob.run(spark, cfg, dir, data, k -> true, retryFailed);
                AggregateJob.Outcome outcome = AggregateJob.run(spark, dir);
                Summary.print(o, outcome, cfg);
                o.printf("%ncalorimeter: report %s%n", Report.write(spark, dir, outcome));
                Map<String, Object> end = new LinkedHashMap<>();
                end.put("finished", Instant.now().toString());
                end.put("cells_by_status", counts);
                end.put(OutputDir.COMPLETE, cfg.hash());
                dir.record(end);
                o.printf("%ncalorimeter: %d cells %s in %s; results in %s (cells/, traces/, curves/, fits/, reweighted/, scaling/, schedule/)%n",
                        cfg.grid().cellCount(), counts, human(Duration.between(start, Instant.now())), dir.root());
                return exitCode(counts, failOn, dir);
            } finally {
                spark.stop();
            }
        }
    }

    /** The statuses that make a sweep exit 1 under {@code --fail-on}. */
    static java.util.Set<String> failingStatuses(String failOn) {
        return switch (failOn) {
            case "failed" -> java.util.Set.of(CellResult.FAILED);
            case "diverged" -> java.util.Set.of(CellResult.FAILED, CellResult.DIVERGED, CellResult.STUCK);
            case "any" -> java.util.Set.of(CellResult.FAILED, CellResult.DIVERGED, CellResult.STUCK,
                    CellResult.SHORT_CHAIN, CellResult.UNMIXED);
            default -> throw new UsageException("--fail-on: '" + failOn + "' is not allowed; allowed: failed, diverged, "
                    + "any");
        };
    }

    /** 1 when a cell's status is one {@code --fail-on} fails on (said in one line on stderr), else 0. */
    static int exitCode(Map<String, Long> counts, String failOn, OutputDir dir) {
        Map<String, Long> failing = new TreeMap<>();
        for (String status : failingStatuses(failOn)) {
            long n = counts.getOrDefault(status, 0L);
            if (n > 0) failing.put(status, n);
        }
        if (failing.isEmpty()) return 0;
        System.err.printf("calorimeter: cells %s (exit 1 under --fail-on %s); their reasons are in the summary above "
                + "and the message column of %s%n", failing, failOn, dir.cells());
        return 1;
    }

    @Command(name = "calibrate", mixinStandardHelpOptions = true,
            description = "Run calibration sweeps (systems with exact answers) at full size, each into its own folder "
                    + "under --out (replacing an earlier calibration there), and compare every curve point with its "
                    + "exact answer. Exit 1 when a point misses by more than " + Calibrate.MAX_Z + " errors.")
    static final class Calibrate implements Callable<Integer> {
        /**
         * A calibration fails beyond 4 standard errors: the suite compares a few hundred points, and at 4 sigma a
         * correct estimator misses somewhere with probability about 300 * 6e-5 = 2%, while a 20% bias on a point
         * measured to 5% shows.
         */
        static final double MAX_Z = 4.0;

        @Parameters(arity = "0..*", paramLabel = "CONFIG",
                description = "calibration configs (default: experiment-configs/calibration-*.yaml)")
        java.util.List<Path> configs;

        @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs/calibrate",
                description = "parent folder of the calibration outputs (default ${DEFAULT-VALUE})")
        Path out;

        @CommandLine.Mixin
        MasterOption master;

        @Override
        public Integer call() throws java.io.IOException {
            java.util.List<Path> files = configs;
            if (files == null || files.isEmpty()) {
                try (var s = java.nio.file.Files.newDirectoryStream(Path.of("experiment-configs"), "calibration-*.yaml")) {
                    files = new java.util.ArrayList<>();
                    s.forEach(files::add);
                } catch (java.nio.file.NoSuchFileException e) {
                    throw new UsageException("CONFIG: none given and no experiment-configs/ folder here");
                }
                java.util.Collections.sort(files);
            }
            // Every config is read and checked before the first sweep starts.
            java.util.Map<Path, SweepConfig> loaded = new LinkedHashMap<>();
            for (Path f : files) loaded.put(f, ConfigLoader.load(f));
            String m = master.checked();
            java.util.List<String> lines = new java.util.ArrayList<>();
            boolean failed = false;
            for (var e : loaded.entrySet()) {
                SweepConfig cfg = e.getValue();
                Sweep sweep = new Sweep();
                sweep.config = e.getKey();
                sweep.out = out.resolve(cfg.name());
                sweep.master = master;
                sweep.overwrite = true;
                int rc = sweep.call();
                java.util.List<Summary.Check> checks;
                SparkSession spark = Sessions.start("calibrate", m);
                try {
                    checks = Summary.checks(spark.read().parquet(new OutputDir(sweep.out).curves().toString())
                            .collectAsList(), cfg);
                } finally {
                    spark.stop();
                }
                Summary.Check worst = null;
                int noError = 0;
                int beyond3 = 0;
                for (Summary.Check c : checks) {
                    double z = Math.abs(c.z());
                    if (Double.isNaN(z)) {
                        noError++;
                        continue;
                    }
                    if (z > 3) beyond3++;
                    if (worst == null || z > Math.abs(worst.z())) worst = c;
                }
                boolean bad = rc != 0 || checks.isEmpty() || (worst != null && Math.abs(worst.z()) > MAX_Z);
                failed |= bad;
                lines.add(String.format(java.util.Locale.ROOT, "%-34s %s %4d checks, |z| > 3: %d, no error bar: %d%s%s",
                        cfg.name(), bad ? "FAIL" : "ok  ", checks.size(), beyond3, noError,
                        worst == null ? "" : String.format(java.util.Locale.ROOT,
                                ", largest |z| = %.2f (%s at N = %d, D = %d, T = %s)", Math.abs(worst.z()),
                                worst.quantity(), worst.width(), worst.dataSize(), Summary.fmt(worst.temperature())),
                        rc != 0 ? ", the sweep exited " + rc : checks.isEmpty() ? ", no exact answer for this config" : ""));
            }
            System.out.println();
            System.out.println("calorimeter: calibration against exact answers (fail beyond |z| = " + MAX_Z + ")");
            lines.forEach(System.out::println);
            return failed ? 1 : 0;
        }
    }

    @Command(name = "refine", mixinStandardHelpOptions = true,
            description = "Second pass over an existing sweep: add temperatures where C and its error are largest, run "
                    + "only the new cells into the same output, and aggregate again.")
    static final class Refine implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DIR", description = "output folder of a sweep")
        Path dir;

        @Option(names = "--add", defaultValue = "3", description = "temperatures to add (default ${DEFAULT-VALUE})")
        int add;

        @CommandLine.Mixin
        MasterOption master;

        @Override
        public Integer call() throws java.io.IOException {
            Instant start = Instant.now();
            if (add < 1 || add > 100) {
                throw new UsageException("--add: " + add + " is not allowed; expected 1 to 100 temperatures");
            }
            OutputDir out = new OutputDir(dir);
            if (!java.nio.file.Files.isDirectory(out.cells()) || !java.nio.file.Files.isDirectory(out.curves())
                    || !java.nio.file.Files.isRegularFile(out.config())) {
                throw new UsageException("DIR: " + out.root() + " holds no aggregated sweep (cells/, curves/, "
                        + "config.yaml); run the sweep first");
            }
            SweepConfig old = ConfigLoader.load(out.config());
            if (old.model().data() != null) {
                throw new UsageException("DIR: refinement of sweeps on user data is not supported yet");
            }
            String m = master.checked();
            OutputDir.Lock lock = out.lock();
            SparkSession spark = Sessions.start("refine", m);
            try {
                java.util.List<Double> added = RefinePlan.plan(spark, out, old, add);
                if (added.isEmpty()) {
                    System.out.println("calorimeter: no interval to refine (fewer than 2 temperatures with results)");
                    return 0;
                }
                java.util.TreeSet<Double> temps = new java.util.TreeSet<>(old.grid().temperatures());
                temps.addAll(added);
                SweepConfig next = new SweepConfig(old.name(), old.seed(), old.model(), old.prior(),
                        new org.calorimeter.core.config.GridSpec(old.grid().widths(), old.grid().depths(), old.grid().dataSizes(),
                                java.util.List.copyOf(temps), old.grid().replicas()), old.sampler(), old.training());
                java.util.Set<Double> fresh = new java.util.HashSet<>(added);
                System.out.printf("calorimeter: refine %s: adding T = %s (%d cells); config_hash %s -> %s%n",
                        out.root(), added, CellKey.grid(next).stream().filter(k -> fresh.contains(k.temperature()))
                                .count(), old.hash(), next.hash());
                out.keepConfig(next);
                java.nio.file.Files.writeString(out.config(), next.toYaml());
                Map<String, Long> counts = SweepJob.run(spark, next, out, null, k -> fresh.contains(k.temperature()),
                        false);
                AggregateJob.Outcome outcome = AggregateJob.run(spark, out);
                Summary.print(System.out, outcome, next);
                System.out.printf("%ncalorimeter: report %s%n", Report.write(spark, out, outcome));
                Map<String, Object> rec = new LinkedHashMap<>();
                rec.put("refined_" + Instant.now().toString(), Map.of("added_temperatures", added, "config_hash",
                        next.hash(), "cells_by_status", counts));
                out.record(rec);
                System.out.printf("%ncalorimeter: refinement done in %s; results in %s%n",
                        human(Duration.between(start, Instant.now())), out.root());
                return counts.getOrDefault(CellResult.FAILED, 0L) > 0 ? 1 : 0;
            } finally {
                spark.stop();
                lock.close();
            }
        }
    }

    @Command(name = "aggregate", mixinStandardHelpOptions = true,
            description = "Rerun the aggregation on the cells of an earlier sweep.")
    static final class Aggregate implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DIR", description = "output folder of a sweep")
        Path dir;

        @CommandLine.Mixin
        MasterOption master;

        @Override
        public Integer call() {
            OutputDir out = new OutputDir(dir);
            if (!java.nio.file.Files.isDirectory(out.cells())) {
                throw new UsageException("DIR: " + out.root() + " holds no cells/ folder; give the output folder of a "
                        + "sweep (for example runs/quickstart)");
            }
            String m = master.checked();
            OutputDir.Lock lock = out.lock();
            String damage = Batches.damage(out);
            if (damage != null) {
                lock.close();
                System.err.println("calorimeter: " + out.root() + " is damaged (" + damage + "); run the sweep command "
                        + "again to repair it: the damaged batch's cells run again");
                return 1;
            }
            SparkSession spark = Sessions.start("aggregate", m);
            try {
                AggregateJob.Outcome outcome = AggregateJob.run(spark, out);
                SweepConfig cfg = java.nio.file.Files.isRegularFile(out.config()) ? ConfigLoader.load(out.config()) : null;
                Summary.print(System.out, outcome, cfg);
                System.out.printf("%ncalorimeter: report %s%n", Report.write(spark, out, outcome));
                System.out.printf("%ncalorimeter: aggregation written to %s (curves/, fits/, reweighted/, scaling/, schedule/)%n", out.root());
                return 0;
            } finally {
                spark.stop();
                lock.close();
            }
        }
    }

    @Command(name = "anneal", mixinStandardHelpOptions = true,
            description = "Anneal fresh chains from a finished sweep's highest to its lowest temperature along three "
                    + "schedules (constant thermodynamic speed from schedule/, geometric, linear) at several budgets; "
                    + "writes anneal/ and report/anneal.html.")
    static final class Anneal implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DIR", description = "output folder of a finished sweep")
        Path dir;

        @Option(names = "--budgets", paramLabel = "S,S,...", defaultValue = "100,1000,10000",
                description = "annealing lengths in sampler steps (sweeps for spins), 2 to 10^6 each "
                        + "(default ${DEFAULT-VALUE})")
        String budgets = "100,1000,10000";

        @Option(names = "--chains", paramLabel = "M", defaultValue = "32",
                description = "fresh chains per (line, schedule, budget), 2 to 4096 (default ${DEFAULT-VALUE})")
        int chains = 32;

        @CommandLine.Mixin
        MasterOption master;

        @Override
        public Integer call() throws java.io.IOException {
            OutputDir out = new OutputDir(dir);
            if (!java.nio.file.Files.isDirectory(out.schedule()) || !java.nio.file.Files.isDirectory(out.curves())) {
                throw new UsageException("DIR: " + out.root() + " holds no schedule/ and curves/; give the output "
                        + "folder of a finished sweep (or run submit/local aggregate on it first)");
            }
            int[] s;
            try {
                s = java.util.Arrays.stream(budgets.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
            } catch (NumberFormatException e) {
                throw new UsageException("--budgets: '" + budgets + "' is not a list of integers; allowed: integers "
                        + "from 2 to 1000000, comma-separated");
            }
            for (int b : s) {
                if (b < 2 || b > 1_000_000) {
                    throw new UsageException("--budgets: " + b + " is not allowed; allowed: integers from 2 to 1000000");
                }
            }
            if (chains < 2 || chains > 4096) {
                throw new UsageException("--chains: " + chains + " is not allowed; allowed: 2 to 4096 (an error "
                        + "needs 2)");
            }
            SweepConfig cfg = ConfigLoader.load(out.config());
            if (!cfg.model().family().spins() && cfg.prior().flat()) {
                throw new UsageException("DIR: the sweep's prior is flat: fresh chains start from a draw of the "
                        + "prior, which a flat prior does not have; anneal a sweep with prior.sigma");
            }
            if (cfg.model().data() != null) {
                throw new UsageException("DIR: annealing sweeps on user data is not supported yet (the "
                        + "generalisation error needs a teacher's fresh examples)");
            }
            String m = master.checked();
            OutputDir.Lock lock = out.lock();
            SparkSession spark = Sessions.start("anneal", m);
            try {
                java.util.List<org.apache.spark.sql.Row> rows = AnnealJob.run(spark, out, cfg, s, chains);
                AnnealJob.print(System.out, rows);
                System.out.printf("%ncalorimeter: annealing written to %s (anneal/); report %s%n", out.root(),
                        AnnealJob.page(out, rows));
                return 0;
            } finally {
                spark.stop();
                lock.close();
            }
        }
    }

    static String human(Duration d) {
        long s = d.getSeconds();
        return s >= 60 ? (s / 60) + " min " + (s % 60) + " s" : s + " s";
    }
}
