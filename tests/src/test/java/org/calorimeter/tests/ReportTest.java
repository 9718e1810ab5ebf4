package org.calorimeter.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.calorimeter.jobs.Main;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report (report/index.html, every plot as PNG and SVG) renders in headless Chromium with no console error and
 * every figure in the DOM. Without Chromium the test is skipped, unless CALORIMETER_REQUIRE_CHROMIUM is set (.ci/run
 * installs Debian's chromium and sets it, so CI never skips it).
 */
class ReportTest {
    @TempDir
    Path tmp;

    static String chromium() {
        for (String c : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
            if (Files.isExecutable(Path.of(c))) return c;
        }
        return null;
    }

    @Test
    void reportRendersInHeadlessChromiumWithoutConsoleErrors() throws Exception {
        String browser = chromium();
        if (System.getenv("CALORIMETER_REQUIRE_CHROMIUM") == null) {
            Assumptions.assumeTrue(browser != null, "no chromium installed (Debian: apt-get install chromium)");
        }
        assertTrue(browser != null, "CALORIMETER_REQUIRE_CHROMIUM is set but no chromium is installed");
        Path config = Files.writeString(tmp.resolve("tiny.yaml"), LocalSweepTest.TINY);
        Path out = tmp.resolve("out");
        assertEquals(0, Main.execute("sweep", config.toString(), "--out", out.toString(), "--master", "local[2]"));
        Path index = out.resolve("report").resolve("index.html");
        assertTrue(Files.isRegularFile(index));
        String html = Files.readString(index);
        assertFalse(html.contains("<script"), "self-contained: no script");
        assertFalse(html.contains("src=\"http"), "self-contained: nothing fetched");
        // What matters first is at the top: status counts, the trust and fits text, the config; no Java map syntax.
        int first = html.indexOf("<figure");
        for (String top : List.of("Cells by status", "Trust, peaks and fits", "Config (resolved, as hashed)")) {
            assertTrue(html.indexOf(top) >= 0 && html.indexOf(top) < first, top + " before the plots");
        }
        assertFalse(html.contains("{}"), "no empty Java map printed");
        // The reweighted bands carry their curve's colour (a white fill made them invisible).
        String band = Files.readString(out.resolve("report").resolve("reweighted_D16.svg"));
        assertTrue(band.contains("fill:rgb(31,119,180)") && band.contains("fill-opacity:0.25"),
                "the first band is filled, translucent, in the first series colour");
        // The log axis is labelled by values, not by fractional powers of ten.
        assertFalse(Files.readString(out.resolve("report").resolve("c_of_t_D16.svg")).contains("E-1"),
                "no 10^6.02E-1 style labels");
        for (String plot : List.of("c_of_t_D16", "reweighted_D16", "entropy_D16", "free_energy_D16", "tau_int", "rhat")) {
            assertTrue(Files.size(out.resolve("report").resolve(plot + ".png")) > 1000, plot + ".png");
            assertTrue(Files.readString(out.resolve("report").resolve(plot + ".svg")).contains("<svg"), plot + ".svg");
            assertTrue(html.contains("id=\"" + plot + "\""), plot + " in the page");
        }
        Process p = new ProcessBuilder(browser, "--headless=new", "--no-sandbox", "--disable-gpu",
                "--enable-logging=stderr", "--v=0", "--virtual-time-budget=5000", "--dump-dom",
                index.toUri().toString()).redirectError(tmp.resolve("chromium.err").toFile())
                .redirectOutput(tmp.resolve("dom.html").toFile()).start();
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "chromium finished");
        String err = Files.readString(tmp.resolve("chromium.err"));
        String dom = Files.readString(tmp.resolve("dom.html"));
        // Chromium reports page console messages as CONSOLE(...) lines; dbus noise from the container is not the page's.
        for (String line : err.split("\n")) {
            assertFalse(line.contains("CONSOLE") || line.contains("Uncaught"), "console message: " + line);
        }
        assertTrue(dom.contains("<svg"), "the SVGs are in the rendered DOM");
        // Control: the same check does see a page's console error.
        Path bad = Files.writeString(tmp.resolve("bad.html"), "<html><body><script>console.error('boom')</script>"
                + "</body></html>");
        Process q = new ProcessBuilder(browser, "--headless=new", "--no-sandbox", "--disable-gpu",
                "--enable-logging=stderr", "--v=0", "--virtual-time-budget=5000", "--dump-dom", bad.toUri().toString())
                .redirectError(tmp.resolve("bad.err").toFile()).redirectOutput(tmp.resolve("bad.dom").toFile()).start();
        assertTrue(q.waitFor(2, TimeUnit.MINUTES));
        assertTrue(Files.readString(tmp.resolve("bad.err")).contains("CONSOLE"), "the control's console error is seen");
        assertEquals(html.split("<figure").length - 1, dom.split("<figure").length - 1, "every figure rendered");
    }
}
