package org.calorimeter.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.calorimeter.core.config.ConfigException;
import org.calorimeter.core.config.DataSpec;
import org.calorimeter.core.model.Dataset;
import org.calorimeter.jobs.DataFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV user data is read by RFC 4180 (quoted commas, quotes and line breaks, a BOM), or refused naming key and row. */
class CsvDataTest {
    @TempDir
    Path tmp;

    Dataset read(String content, int rows) throws IOException {
        Path f = tmp.resolve("d.csv");
        Files.write(f, content.getBytes(StandardCharsets.UTF_8));
        return DataFiles.read(new DataSpec("csv", f.toString(), List.of("a", "b"), "y"), rows);
    }

    ConfigException refused(String content, int rows) {
        return assertThrows(ConfigException.class, () -> read(content, rows));
    }

    @Test
    void aQuotedCommaStaysInItsField() throws IOException {
        // The note column holds commas and a doubled quote; the numbers after it stay in their columns.
        Dataset d = read("note,a,b,y\n\"7,8,9\",0.1,0.2,0.3\n\"say \"\"hi\"\", x\",1,2,3\n", 2);
        assertArrayEquals(new double[] {0.1, 0.2, 1, 2}, d.inputs());
        assertArrayEquals(new double[] {0.3, 3}, d.labels());
    }

    @Test
    void aQuotedLineBreakAndCrLfAndABomAreRead() throws IOException {
        Dataset d = read("\uFEFFa,b,note,y\r\n1,2,\"two\r\nlines\",3\r\n4,5,x,6\r\n", 2);
        assertArrayEquals(new double[] {1, 2, 4, 5}, d.inputs());
        assertArrayEquals(new double[] {3, 6}, d.labels());
    }

    @Test
    void aDuplicateHeaderIsRefused() {
        ConfigException e = refused("a,a,b,y\n1,2,3,4\n", 1);
        assertEquals("model.data.path", e.key());
        assertTrue(e.getMessage().contains("columns 1 and 2"), e.getMessage());
    }

    @Test
    void aRowWithAnotherFieldCountIsRefused() {
        ConfigException e = refused("a,b,y\n1,2,3\n4,5\n", 2);
        assertTrue(e.getMessage().contains("row 2"), e.getMessage());
    }

    @Test
    void errorsNameColumnAndRowButNeverTheContent() {
        ConfigException bad = refused("a,b,y\n1,hunter2,3\n", 1);
        assertEquals("model.data.features", bad.key());
        assertTrue(bad.getMessage().contains("column 'b' row 1"), bad.getMessage());
        assertFalse(bad.getMessage().contains("hunter2"), "the value is not printed: " + bad.getMessage());
        ConfigException missing = refused("aws_secret_access_key,b,y\n1,2,3\n", 1);
        assertEquals("model.data.features", missing.key());
        assertFalse(missing.getMessage().contains("aws_secret"), "the header is not printed: " + missing.getMessage());
        ConfigException nan = refused("a,b,y\n1,NaN,3\n", 1);
        assertTrue(nan.getMessage().contains("not finite"), nan.getMessage());
    }

    @Test
    void anUnclosedQuoteOrAHugeFieldIsRefusedInOneLine() {
        ConfigException e = refused("a,b,y\n1,\"2," + "x".repeat(10_000) + "\n", 1);
        assertEquals("model.data.path", e.key());
        assertFalse(e.getMessage().contains("xxxx"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }
}
