package org.calorimeter.jobs;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.calorimeter.core.config.ConfigException;
import org.calorimeter.core.config.DataSpec;
import org.calorimeter.core.model.Dataset;

/**
 * Reads {@code model.data} on the driver, before Spark starts: the first {@code rows} rows of a CSV file (header line
 * with column names, comma-separated numbers) or of a single Parquet file (numeric columns), as a core Dataset. Every
 * problem is a ConfigException naming the key: a missing or unreadable file, a missing column, a non-numeric value,
 * fewer rows than the largest data_size.
 */
public final class DataFiles {
    private DataFiles() {}

    public static Dataset read(DataSpec spec, int rows) {
        Path path = Path.of(spec.path());
        if (Files.isDirectory(path)) {
            throw new ConfigException("model.data.path", path.toAbsolutePath() + " is a folder; give one "
                    + spec.format() + " file");
        }
        if (!Files.isRegularFile(path)) {
            throw new ConfigException("model.data.path", "no such file: " + path.toAbsolutePath());
        }
        if (!Files.isReadable(path)) throw new ConfigException("model.data.path", "cannot read " + path);
        double[][] columns = spec.format().equals("csv") ? csv(spec, path, rows) : parquet(spec, path, rows);
        int n = spec.features().size();
        double[] x = new double[rows * n];
        double[] y = new double[rows];
        for (int i = 0; i < rows; i++) {
            for (int k = 0; k < n; k++) x[i * n + k] = columns[k][i];
            y[i] = columns[n][i];
        }
        return new Dataset(rows, n, x, y);
    }

    /**
     * SHA-256 of the data file's bytes, in hex: recorded in run.json as {@code data_sha256}, so that a resume on a file
     * that changed since the first pass is refused instead of mixing two data sets under one config_hash.
     */
    public static String sha256(Path path) {
        try {
            return Sha256.of(path);
        } catch (IOException e) {
            throw new ConfigException("model.data.path", "cannot read " + path + ": " + e.getClass().getSimpleName());
        }
    }

    /** Column positions of the features and then the label, in the file's header. */
    private static int[] positions(DataSpec spec, List<String> header, Path path) {
        List<String> wanted = new ArrayList<>(spec.features());
        wanted.add(spec.label());
        int[] pos = new int[wanted.size()];
        for (int k = 0; k < wanted.size(); k++) {
            pos[k] = header.indexOf(wanted.get(k));
            if (pos[k] < 0) {
                String key = k < spec.features().size() ? "model.data.features" : "model.data.label";
                throw new ConfigException(key, "no column '" + wanted.get(k) + "' in the header of " + path + " ("
                        + header.size() + " columns; names are matched exactly)");
            }
        }
        return pos;
    }

    private static ConfigException tooFew(long have, int rows, Path path) {
        return new ConfigException("grid.data_size", rows + " examples requested but " + path + " has only " + have
                + " rows; allowed: data sizes up to " + have);
    }

    /**
     * Largest field and row the CSV parser accepts: a numeric data file has short fields, and a bound keeps a binary
     * or hostile file from being buffered whole.
     */
    static final int MAX_CSV_CHARS_PER_FIELD = 4096;
    static final int MAX_CSV_COLUMNS = 100_000;

    /**
     * RFC 4180 CSV (univocity, which Spark bundles): quoted fields may hold commas, quotes ("") and line breaks; a UTF-8
     * byte-order mark is skipped; a header with two columns of the same name is refused. Errors name the key, the
     * column the config asked for and the row, never the file's content.
     */
    private static double[][] csv(DataSpec spec, Path path, int rows) {
        com.univocity.parsers.csv.CsvParserSettings settings = new com.univocity.parsers.csv.CsvParserSettings();
        settings.getFormat().setDelimiter(',');
        settings.getFormat().setQuote('"');
        settings.getFormat().setQuoteEscape('"');
        settings.setLineSeparatorDetectionEnabled(true);
        settings.setIgnoreLeadingWhitespaces(true);
        settings.setIgnoreTrailingWhitespaces(true);
        settings.setSkipEmptyLines(true);
        settings.setMaxCharsPerColumn(MAX_CSV_CHARS_PER_FIELD);
        settings.setMaxColumns(MAX_CSV_COLUMNS);
        settings.setNullValue("");
        settings.setEmptyValue("");
        // Univocity reads ahead on a second thread when the machine has more than one core; an error thrown while the
        // header is checked then closed the reader under that thread, and stopParsing() replaced the message with
        // its "Stream closed" (a bad column name came out as exit 1, intermittently). One thread, in order.
        settings.setReadInputOnSeparateThread(false);
        com.univocity.parsers.csv.CsvParser parser = new com.univocity.parsers.csv.CsvParser(settings);
        try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            in.mark(1);
            if (in.read() != '\uFEFF') in.reset();   // a UTF-8 byte-order mark is not part of the first name
            parser.beginParsing(in);
            String[] first = parser.parseNext();
            if (first == null) throw tooFew(0, rows, path);
            List<String> header = Arrays.stream(first).map(h -> h == null ? "" : h).toList();
            for (int a = 0; a < header.size(); a++) {
                int b = header.subList(a + 1, header.size()).indexOf(header.get(a));
                if (b >= 0) {
                    throw new ConfigException("model.data.path", "the header of " + path + " names columns " + (a + 1)
                            + " and " + (a + b + 2) + " alike; column names must be unique");
                }
            }
            int[] pos = positions(spec, header, path);
            double[][] out = new double[pos.length][rows];
            for (int i = 0; i < rows; i++) {
                String[] cells = parser.parseNext();
                if (cells == null) throw tooFew(i, rows, path);
                if (cells.length != header.size()) {
                    throw new ConfigException("model.data.path", "row " + (i + 1) + " of " + path + " has "
                            + cells.length + " fields, the header " + header.size());
                }
                for (int k = 0; k < pos.length; k++) {
                    String key = k < spec.features().size() ? "model.data.features" : "model.data.label";
                    String cell = cells[pos[k]];
                    try {
                        out[k][i] = Double.parseDouble(cell);
                    } catch (NumberFormatException e) {
                        throw new ConfigException(key, "column '" + header.get(pos[k]) + "' row " + (i + 1) + " of "
                                + path + " is not a number");
                    }
                    if (!Double.isFinite(out[k][i])) {
                        throw new ConfigException(key, "column '" + header.get(pos[k]) + "' row " + (i + 1) + " of "
                                + path + " is not finite; only finite numbers are allowed");
                    }
                }
            }
            return out;
        } catch (com.univocity.parsers.common.TextParsingException e) {
            throw new ConfigException("model.data.path", path + " is not CSV as expected (RFC 4180) near line "
                    + (e.getLineIndex() + 1) + ": a field longer than " + MAX_CSV_CHARS_PER_FIELD
                    + " characters, more than " + MAX_CSV_COLUMNS + " columns or an unclosed quote");
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new ConfigException("model.data.path", "cannot read " + path + ": " + e.getClass().getSimpleName());
        } finally {
            parser.stopParsing();
        }
    }

    private static double[][] parquet(DataSpec spec, Path path, int rows) {
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(path))) {
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            List<String> header = schema.getFields().stream().map(Type::getName).toList();
            int[] pos = positions(spec, header, path);
            for (int k = 0; k < pos.length; k++) {
                Type type = schema.getType(pos[k]);
                String key = k < spec.features().size() ? "model.data.features" : "model.data.label";
                String why = numeric(type);
                if (why != null) {
                    throw new ConfigException(key, "column '" + type.getName() + "' of " + path + " is " + why
                            + "; allowed: double, float, int32, int64 (signed or unsigned) and decimal");
                }
            }
            long total = reader.getRecordCount();
            if (total < rows) throw tooFew(total, rows, path);
            double[][] out = new double[pos.length][rows];
            int i = 0;
            PageReadStore pages;
            while (i < rows && (pages = reader.readNextRowGroup()) != null) {
                RecordReader<Group> records = new ColumnIOFactory().getColumnIO(schema)
                        .getRecordReader(pages, new GroupRecordConverter(schema));
                for (long r = 0; r < pages.getRowCount() && i < rows; r++, i++) {
                    Group g = records.read();
                    for (int k = 0; k < pos.length; k++) {
                        if (g.getFieldRepetitionCount(pos[k]) == 0) {
                            String key = k < spec.features().size() ? "model.data.features" : "model.data.label";
                            throw new ConfigException(key, "column '" + header.get(pos[k]) + "' row " + (i + 1)
                                    + " of " + path + " is null; only finite numbers are allowed");
                        }
                        out[k][i] = value(g, pos[k], schema.getType(pos[k]).asPrimitiveType());
                        if (!Double.isFinite(out[k][i])) {
                            String key = k < spec.features().size() ? "model.data.features" : "model.data.label";
                            throw new ConfigException(key, "column '" + header.get(pos[k]) + "' row " + (i + 1)
                                    + " of " + path + " is not finite; only finite numbers are allowed");
                        }
                    }
                }
            }
            return out;
        } catch (IOException | RuntimeException e) {
            if (e instanceof ConfigException c) throw c;
            // The exception's message can quote bytes of the file; the class names the failure well enough.
            throw new ConfigException("model.data.path", "cannot read " + path + " as Parquet ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * Null when the column holds numbers this reader converts by their logical type, else what it holds: plain
     * double, float, int32, int64; integers with the INT annotation (unsigned ones converted as unsigned); decimals
     * (int32, int64, fixed or variable binary; unscaled value times 10^-scale). Timestamps, dates, times, strings and
     * anything else are refused by name rather than read as their raw numbers.
     */
    static String numeric(Type type) {
        if (!type.isPrimitive()) return "a group (" + type + ")";
        PrimitiveType p = type.asPrimitiveType();
        org.apache.parquet.schema.LogicalTypeAnnotation logical = p.getLogicalTypeAnnotation();
        PrimitiveType.PrimitiveTypeName raw = p.getPrimitiveTypeName();
        if (logical == null) {
            return switch (raw) {
                case DOUBLE, FLOAT, INT32, INT64 -> null;
                default -> raw.name().toLowerCase(java.util.Locale.ROOT);
            };
        }
        if (logical instanceof org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation
                && (raw == PrimitiveType.PrimitiveTypeName.INT32 || raw == PrimitiveType.PrimitiveTypeName.INT64)) {
            return null;
        }
        if (logical instanceof org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation) return null;
        return "a " + logical.toString().toLowerCase(java.util.Locale.ROOT) + " (" + raw.name().toLowerCase(
                java.util.Locale.ROOT) + ")";
    }

    /** The value of a column {@link #numeric} accepted. */
    static double value(Group g, int field, PrimitiveType p) {
        org.apache.parquet.schema.LogicalTypeAnnotation logical = p.getLogicalTypeAnnotation();
        if (logical instanceof org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
            java.math.BigInteger unscaled = switch (p.getPrimitiveTypeName()) {
                case INT32 -> java.math.BigInteger.valueOf(g.getInteger(field, 0));
                case INT64 -> java.math.BigInteger.valueOf(g.getLong(field, 0));
                default -> new java.math.BigInteger(g.getBinary(field, 0).getBytes());
            };
            return new java.math.BigDecimal(unscaled, d.getScale()).doubleValue();
        }
        boolean unsigned = logical instanceof org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation i
                && !i.isSigned();
        return switch (p.getPrimitiveTypeName()) {
            case DOUBLE -> g.getDouble(field, 0);
            case FLOAT -> g.getFloat(field, 0);
            case INT32 -> unsigned ? Integer.toUnsignedLong(g.getInteger(field, 0)) : g.getInteger(field, 0);
            default -> unsigned ? unsignedLong(g.getLong(field, 0)) : g.getLong(field, 0);
        };
    }

    private static double unsignedLong(long v) {
        return v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
    }
}
