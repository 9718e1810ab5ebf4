package org.calorimeter.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The manifest of a committed batch, {@code manifests/batch=K.txt}: one line per data file of cells/batch=K and
 * traces/batch=K, "size sha256 relative-path". Written after both tables (it is the batch's last commit step) and
 * checked on every resume and aggregation, so that a deleted, truncated or altered file is noticed instead of read.
 */
final class Manifest {
    private Manifest() {}

    /** What {@link #check} says of a batch without a manifest. */
    static final String NONE = "no manifest";

    static Path path(OutputDir out, int k) {
        return out.manifests().resolve("batch=" + k + ".txt");
    }

    /** The batch number of a manifest file, or null for anything else. */
    static Integer batchOf(Path manifest) {
        String name = manifest.getFileName().toString();
        if (!name.startsWith("batch=") || !name.endsWith(".txt")) return null;
        try {
            return Integer.parseInt(name.substring("batch=".length(), name.length() - ".txt".length()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The data files of batch k (Parquet parts and markers, not Spark's .crc side files), as paths under the root. */
    static List<Path> files(OutputDir out, int k) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path dir : new Path[] {out.cells().resolve("batch=" + k), out.traces().resolve("batch=" + k)}) {
            if (!Files.isDirectory(dir)) continue;
            try (Stream<Path> list = Files.list(dir)) {
                list.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().forEach(files::add);
            }
        }
        return files;
    }

    static void write(OutputDir out, int k) {
        try {
            Files.createDirectories(out.manifests());
            StringBuilder b = new StringBuilder();
            for (Path f : files(out, k)) {
                b.append(Files.size(f)).append(' ').append(Sha256.of(f)).append(' ')
                        .append(out.root().relativize(f)).append('\n');
            }
            Path target = path(out, k);
            Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
            Files.writeString(tmp, b.toString(), StandardCharsets.UTF_8);
            Files.move(tmp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Null when batch k matches its manifest, else what is wrong (the first difference found). */
    static String check(OutputDir out, int k) {
        Path m = path(out, k);
        if (!Files.isRegularFile(m)) return NONE;
        try {
            List<String> lines = Files.readAllLines(m, StandardCharsets.UTF_8);
            List<Path> present = files(out, k);
            for (String line : lines) {
                String[] f = line.split(" ", 3);
                if (f.length != 3) return "manifest line unreadable";
                Path file = out.root().resolve(f[2]);
                if (!Files.isRegularFile(file)) return f[2] + " missing";
                if (Files.size(file) != Long.parseLong(f[0])) {
                    return f[2] + " is " + Files.size(file) + " bytes, not " + f[0];
                }
                if (!Sha256.of(file).equals(f[1])) return f[2] + " changed (checksum)";
                present.remove(file);
            }
            if (!present.isEmpty()) return out.root().relativize(present.get(0)) + " is not in the manifest";
            return null;
        } catch (IOException | RuntimeException e) {
            return "manifest unreadable (" + e.getClass().getSimpleName() + ")";
        }
    }
}
