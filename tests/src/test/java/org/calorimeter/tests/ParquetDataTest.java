package org.calorimeter.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.calorimeter.core.config.ConfigException;
import org.calorimeter.core.config.DataSpec;
import org.calorimeter.core.model.Dataset;
import org.calorimeter.jobs.DataFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parquet user data is read by logical type: decimals and unsigned integers converted, timestamps refused by name. */
class ParquetDataTest {
    @TempDir
    Path tmp;

    Path write(String schema, Consumer<Group>... rows) throws IOException {
        MessageType type = MessageTypeParser.parseMessageType(schema);
        Path f = tmp.resolve("d" + System.nanoTime() + ".parquet");
        try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new LocalOutputFile(f)).withType(type).build()) {
            SimpleGroupFactory groups = new SimpleGroupFactory(type);
            for (Consumer<Group> row : rows) {
                Group g = groups.newGroup();
                row.accept(g);
                w.write(g);
            }
        }
        return f;
    }

    /** v as an n-byte big-endian two's complement (a fixed-length decimal's unscaled value). */
    static Binary fixed(long v, int n) {
        byte[] b = new byte[n];
        for (int i = n - 1; i >= 0; i--, v >>= 8) b[i] = (byte) v;
        return Binary.fromConstantByteArray(b);
    }

    Dataset read(Path f, int rows) {
        return DataFiles.read(new DataSpec("parquet", f.toString(), List.of("a", "b"), "y"), rows);
    }

    @Test
    @SuppressWarnings("unchecked")
    void decimalsAndUnsignedIntegersAreConvertedByTheirLogicalType() throws IOException {
        Path f = write("message m { required int32 a (DECIMAL(9,2)); required int32 b (INTEGER(32,false)); "
                        + "required fixed_len_byte_array(5) y (DECIMAL(10,3)); }",
                g -> g.append("a", 125).append("b", (int) 3_000_000_000L)
                        .append("y", fixed(-1500, 5)),
                g -> g.append("a", -7).append("b", 7).append("y", fixed(2, 5)));
        Dataset d = read(f, 2);
        assertArrayEquals(new double[] {1.25, 3e9, -0.07, 7}, d.inputs(), "decimal(9,2) 125 is 1.25; uint32 is unsigned");
        assertArrayEquals(new double[] {-1.5, 0.002}, d.labels());
    }

    @Test
    @SuppressWarnings("unchecked")
    void timestampsAndStringsAreRefusedByName() throws IOException {
        Path ts = write("message m { required int64 a (TIMESTAMP(MILLIS,true)); required double b; required double y; }",
                g -> g.append("a", 1_700_000_000_000L).append("b", 1.0).append("y", 2.0));
        ConfigException e = assertThrows(ConfigException.class, () -> read(ts, 1));
        assertEquals("model.data.features", e.key());
        assertTrue(e.getMessage().contains("column 'a'") && e.getMessage().toLowerCase().contains("timestamp"),
                e.getMessage());
        Path text = write("message m { required double a; required binary b (STRING); required double y; }",
                g -> g.append("a", 1.0).append("b", "secret").append("y", 2.0));
        ConfigException t = assertThrows(ConfigException.class, () -> read(text, 1));
        assertTrue(t.getMessage().contains("column 'b'"), t.getMessage());
        assertFalse(t.getMessage().contains("secret"), t.getMessage());
    }

    @Test
    @SuppressWarnings("unchecked")
    void nonFiniteValuesAreRefusedAsInCsv() throws IOException {
        Path f = write("message m { required double a; required double b; required double y; }",
                g -> g.append("a", 1.0).append("b", Double.NaN).append("y", 2.0));
        ConfigException e = assertThrows(ConfigException.class, () -> read(f, 1));
        assertTrue(e.getMessage().contains("column 'b' row 1") && e.getMessage().contains("not finite"), e.getMessage());
    }
}
