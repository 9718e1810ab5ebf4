package org.calorimeter.core.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** One registry of fit kinds, kept in step with the documentation; one pair of interval rules. */
class FitKindTest {
    @Test
    void anUnregisteredKindIsRefusedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FitResult.failed("peak_hieght", null, null, 0, "m", "x"));
        assertTrue(e.getMessage().contains("unknown fit kind 'peak_hieght'"), e.getMessage());
    }

    @Test
    void everyKindIsDocumentedInColumnsMd() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "columns.md"));
        for (String kind : FitKind.all().keySet()) {
            assertTrue(doc.contains("`" + kind + "`"), kind + " is listed in docs/columns.md");
        }
    }

    @Test
    void intervalsAreThePercentilesOrTheNormalForm() {
        double[] boot = new double[101];
        for (int i = 0; i <= 100; i++) boot[i] = i;            // quantiles fall on the values themselves
        Intervals.Interval p = Intervals.percentile(boot);
        assertEquals(2.5, p.low(), 1e-12);
        assertEquals(97.5, p.high(), 1e-12);
        Intervals.Interval n = Intervals.normal(50, boot, 0);
        assertEquals(Intervals.sd(boot), n.sd(), 0);
        assertEquals(50 - PowerLawFit.Z95 * n.sd(), n.low(), 1e-9);
        Intervals.Interval t = Intervals.normal(50, boot, 4);   // t(4) 97.5% quantile 2.776445
        // Commons Math inverts the t CDF numerically to an absolute 1e-9 in the quantile; times sd (29.3) ~ 3e-8.
        assertEquals(50 + 2.7764451051977987 * t.sd(), t.high(), 1e-7);
        assertTrue(t.label().contains("t(4)") && p.label().contains("percentiles"));
    }
}
