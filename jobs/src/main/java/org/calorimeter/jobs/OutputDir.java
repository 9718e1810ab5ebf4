package org.calorimeter.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.calorimeter.core.config.ConfigLoader;
import org.calorimeter.core.config.SweepConfig;

/**
 * A sweep's output folder: {@code config.yaml} (the resolved config), {@code run.json} (provenance),
 * {@code cells/}, {@code traces/}, {@code curves/} and {@code fits/}.
 */
public final class OutputDir {
    private final Path root;

    public OutputDir(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    public Path cells() {
        return root.resolve("cells");
    }

    public Path traces() {
        return root.resolve("traces");
    }

    public Path curves() {
        return root.resolve("curves");
    }

    public Path fits() {
        return root.resolve("fits");
    }

    /** Reweighted curves on a fine temperature grid (MBAR), with bands, entropy and free energy. */
    public Path reweighted() {
        return root.resolve("reweighted");
    }

    /** anneal/: the annealing table (the anneal command). */
    public Path anneal() {
        return root.resolve("anneal");
    }

    /** Constant-thermodynamic-speed annealing schedules per line. */
    public Path schedule() {
        return root.resolve("schedule");
    }

    /** Universal scaling functions of the size collapses. */
    public Path scaling() {
        return root.resolve("scaling");
    }

    /** One manifest per committed batch (its files' sizes and checksums). */
    public Path manifests() {
        return root.resolve("manifests");
    }

    public Path config() {
        return root.resolve("config.yaml");
    }

    public Path runJson() {
        return root.resolve("run.json");
    }

    /**
     * Checks, before Spark starts, that the sweep may write here: results of an earlier run are refused unless
     * {@code overwrite}, so nothing already written is lost by accident.
     */
    public void checkWritable(boolean overwrite) {
        checkWritable(null, overwrite);
    }

    /**
     * As {@link #checkWritable(boolean)}, but an output folder written by the same config (same config_hash) is
     * accepted: the sweep resumes there.
     */
    public void checkWritable(SweepConfig config, boolean overwrite) {
        if (root.toAbsolutePath().toString().chars().anyMatch(c -> "*?[]{}\\".indexOf(c) >= 0)) {
            throw new UsageException("--out: " + root + " contains a glob character (one of * ? [ ] { } \\), which "
                    + "Spark's readers would expand; choose a path without them");
        }
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new UsageException("--out: " + root + " exists and is not a directory");
        }
        if (Files.exists(cells()) && !overwrite) {
            String other = null;
            if (Files.isRegularFile(config())) {
                try {
                    other = ConfigLoader.load(config()).hash();
                } catch (RuntimeException e) {
                    other = null;
                }
            }
            if (config == null || other == null || !other.equals(config.hash())) {
                throw new UsageException("--out: " + root + " already holds the cells of "
                        + (other == null ? "another sweep" : "a sweep with config_hash " + other)
                        + (config == null ? "" : ", not this config's " + config.hash())
                        + "; choose another --out, or pass --overwrite to replace them");
            }
            // Same config: the sweep resumes, running only the cells without a committed row.
        }
        Path probe = root;
        while (probe != null && !Files.exists(probe)) probe = probe.getParent();
        if (probe == null || !Files.isWritable(probe) || !canCreateIn(probe)) {
            throw new UsageException("--out: cannot write under " + (probe == null ? root : probe)
                    + "; give a folder you can write to");
        }
    }

    /** Tries to create (and removes) a file in {@code dir}: isWritable says yes for /proc and read-only mounts. */
    private static boolean canCreateIn(Path dir) {
        try {
            Path probe = Files.createTempFile(dir, ".calorimeter-probe", "");
            Files.delete(probe);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * On a resume, the data file must be the one the first pass read: run.json's {@code data_sha256} against
     * {@code sha256} (the file's now); a difference is refused naming both. Folders from before the field was recorded
     * are not checked.
     */
    @SuppressWarnings("unchecked")
    public void checkData(String sha256, boolean overwrite) {
        if (sha256 == null || overwrite || !Files.isDirectory(cells()) || !Files.isRegularFile(runJson())) return;
        Object before;
        try {
            before = new ObjectMapper().readValue(runJson().toFile(), LinkedHashMap.class).get("data_sha256");
        } catch (IOException e) {
            throw new UsageException("--out: " + runJson() + " is not readable JSON; pass --overwrite to start again");
        }
        if (before != null && !before.equals(sha256)) {
            throw new UsageException("model.data.path: the data file changed since this sweep started (sha256 "
                    + before.toString().substring(0, 16) + " != " + sha256.substring(0, 16) + "); resuming would mix two "
                    + "data sets: restore the file, or pass --overwrite or another --out to start again");
        }
    }

    /** The held lock of an output folder; closing releases it (the operating system releases it if the JVM dies). */
    public static final class Lock implements AutoCloseable {
        private final java.nio.channels.FileChannel channel;

        private Lock(java.nio.channels.FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public void close() {
            try {
                channel.close();
            } catch (IOException e) {
                // closing releases the lock; nothing to keep
            }
        }
    }

    /**
     * Takes {@code .lock} in the folder (created if needed) for the length of a run, so that a second sweep, refine
     * or aggregate on the same output is refused while the first runs. The lock is the operating system's: after a
     * crash it is free again, whatever the file still says.
     */
    public Lock lock() {
        Path file = root.resolve(".lock");
        java.nio.channels.FileChannel ch = null;
        try {
            Files.createDirectories(root);
            ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.READ, java.nio.file.StandardOpenOption.WRITE);
            java.nio.channels.FileLock held;
            try {
                held = ch.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException e) {
                held = null;   // this JVM holds it already
            }
            if (held == null) {
                String who = Files.readString(file, StandardCharsets.UTF_8).strip();
                ch.close();
                throw new UsageException("--out: " + root + " is in use by another run (" + (who.isEmpty() ? "unknown"
                        : who) + "); wait for it to finish or choose another --out");
            }
            ch.truncate(0);
            ch.write(java.nio.ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + " since " + Instant.now())
                    .getBytes(StandardCharsets.UTF_8)));
            ch.force(false);
            return new Lock(ch);
        } catch (IOException e) {
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // already failing
                }
            }
            String why = e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason()
                    : e.getClass().getSimpleName();
            throw new UsageException("--out: cannot write " + file + ": " + why + "; give a folder you can write to");
        }
    }

    /** Whether cells of an earlier run are present (a resumed sweep). */
    public boolean resuming() {
        return Files.isDirectory(cells());
    }

    /**
     * Creates the folder, clears earlier results (only after {@link #checkWritable}) and records provenance, with the
     * user data file's SHA-256 ({@code dataSha256}, null without user data).
     */
    public void begin(SweepConfig config, boolean overwrite, String dataSha256) {
        boolean resume = Files.isDirectory(cells()) && !overwrite;
        try {
            Files.createDirectories(root);
            if (overwrite) {
                for (Path p : new Path[] {cells(), traces(), curves(), fits(), reweighted(), scaling(), schedule(), manifests()}) deleteTree(p);
            }
            Files.writeString(config(), config.toYaml(), StandardCharsets.UTF_8);
            keepConfig(config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (resume) {
            Map<String, Object> again = new LinkedHashMap<>();
            again.put(COMPLETE, null);   // complete again only when this pass finishes
            again.put("resumed_" + Instant.now(), Map.of("git_commit", gitCommit(), "calorimeter_version", version()));
            record(again);
            return;
        }
        try {
            Files.createDirectories(manifests());   // from now on every committed batch has a manifest
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("name", config.name());
        run.put("config_hash", config.hash());
        run.put("seed", config.seed());
        run.put("calorimeter_version", version());
        run.put("git_commit", gitCommit());
        run.put("java_version", System.getProperty("java.version"));
        run.put("spark_version", org.apache.spark.package$.MODULE$.SPARK_VERSION());
        // informational: both kernel paths give bitwise the same cells (core.kernel.Kernels)
        run.put("driver_kernels", org.calorimeter.core.kernel.Kernels.describe());
        if (dataSha256 != null) run.put("data_sha256", dataSha256);
        run.put("started", Instant.now().toString());
        writeRun(run);
    }

    /**
     * Keeps the resolved config of a pass under configs/HASH.yaml, so that every row's config_hash resolves to its
     * config even after a refinement pass has widened config.yaml.
     */
    public void keepConfig(SweepConfig config) throws IOException {
        Files.createDirectories(root.resolve("configs"));
        Files.writeString(root.resolve("configs").resolve(config.hash() + ".yaml"), config.toYaml(),
                StandardCharsets.UTF_8);
    }

    /** run.json's field naming the config hash of a sweep that finished: every cell committed and aggregated. */
    static final String COMPLETE = "complete_config_hash";

    /**
     * The cell counts by status recorded when a sweep of {@code hash} finished in this folder, or null when it has not
     * (or a later pass has not finished).
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> completed(String hash) {
        if (!Files.isRegularFile(runJson()) || !Files.isDirectory(cells())) return null;
        try {
            Map<String, Object> run = new ObjectMapper().readValue(runJson().toFile(), LinkedHashMap.class);
            return hash.equals(run.get(COMPLETE)) && run.get("cells_by_status") instanceof Map<?, ?> m
                    ? (Map<String, Object>) m : null;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The config hash of the folder's first pass (run.json's {@code config_hash}, which resumes and {@code refine}
     * keep), or null without a readable run.json.
     */
    @SuppressWarnings("unchecked")
    public String firstConfigHash() {
        if (!Files.isRegularFile(runJson())) return null;
        try {
            Object h = new ObjectMapper().readValue(runJson().toFile(), LinkedHashMap.class).get("config_hash");
            return h instanceof String s ? s : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Adds fields to run.json (end time, counts). */
    @SuppressWarnings("unchecked")
    public void record(Map<String, Object> fields) {
        Map<String, Object> run;
        try {
            run = Files.exists(runJson()) ? new ObjectMapper().readValue(runJson().toFile(), LinkedHashMap.class)
                    : new LinkedHashMap<>();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        run.putAll(fields);
        writeRun(run);
    }

    private void writeRun(Map<String, Object> run) {
        try {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(runJson().toFile(), run);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String version() {
        String v = OutputDir.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** The git commit of the working directory, or the value of CALORIMETER_GIT_COMMIT, or "unknown". */
    static String gitCommit() {
        String env = System.getenv("CALORIMETER_GIT_COMMIT");
        if (env != null && !env.isBlank()) return env.strip();
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0 && out.matches("[0-9a-f]{40}")) return out;
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "unknown";
    }

    static void deleteTree(Path p) {
        if (!Files.exists(p)) return;
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) Files.delete(q);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
