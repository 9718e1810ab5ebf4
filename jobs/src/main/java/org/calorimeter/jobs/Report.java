package org.calorimeter.jobs;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * {@code <out>/report/}: every plot as PNG and SVG (JFreeChart, JFreeSVG) and a self-contained index.html that
 * inlines the SVGs (it opens offline, with no script): C(T) per width with error bars (a panel per data size),
 * reweighted C(T) with 95% bands, the chi collapse with its master curve, log-log peak scaling with intervals,
 * entropy and free energy, and diagnostics (tau_int, R-hat, fluctuation-response z, divergent or failed cells).
 */
public final class Report {
    static final int W = 720;
    static final int H = 440;

    private Report() {}

    record Plot(String name, String title, JFreeChart chart, String caption) {}

    public static Path write(SparkSession spark, OutputDir out, AggregateJob.Outcome outcome) {
        Path dir = out.root().resolve("report");
        List<Plot> plots = new ArrayList<>();
        List<Row> curves = outcome.curves();
        Map<Integer, Map<Integer, List<Row>>> byD = new TreeMap<>();
        for (Row r : curves) {
            byD.computeIfAbsent(r.getAs("data_size"), k -> new TreeMap<>())
                    .computeIfAbsent(r.getAs("width"), k -> new ArrayList<>()).add(r);
        }
        for (var d : byD.entrySet()) {
            XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
            XYSeries marked = new XYSeries("short_chain or unmixed cell (error a lower bound)");
            XYSeries disagree = new XYSeries("Var(E)/T^2 and d<E>/dT disagree (|z| > 3)");
            for (var w : d.getValue().entrySet()) {
                XYIntervalSeries s = new XYIntervalSeries("N = " + w.getKey());
                for (Row r : w.getValue()) {
                    double t = r.getAs("temperature");
                    double c = r.getAs("c_mean");
                    double e = r.getAs("c_err");
                    s.add(t, t, t, c, c - e, c + e);
                    if (r.<Integer>getAs("n_unreliable") > 0) marked.add(t, c);
                    if (Summary.flagged(r)) disagree.add(t, c);
                }
                data.addSeries(s);
            }
            JFreeChart chart = ChartFactory.createXYLineChart("C(T), D = " + d.getKey(), "T", "C = Var(E)/T^2", data,
                    PlotOrientation.VERTICAL, true, false, false);
            XYErrorRenderer renderer = new XYErrorRenderer();
            renderer.setDrawXError(false);
            renderer.setDefaultLinesVisible(true);
            colour(renderer, data.getSeriesCount());
            chart.getXYPlot().setRenderer(renderer);
            // Points that are not fully trusted, drawn over the curves: open black circles and red crosses.
            XYSeriesCollection marks = new XYSeriesCollection();
            XYLineAndShapeRenderer markRenderer = new XYLineAndShapeRenderer(false, true);
            if (!marked.isEmpty()) {
                int i = marks.getSeriesCount();
                marks.addSeries(marked);
                markRenderer.setSeriesShape(i, new java.awt.geom.Ellipse2D.Double(-7, -7, 14, 14));
                markRenderer.setSeriesShapesFilled(i, false);
                markRenderer.setSeriesPaint(i, Color.BLACK);
                markRenderer.setSeriesStroke(i, new BasicStroke(2f));
            }
            if (!disagree.isEmpty()) {
                int i = marks.getSeriesCount();
                marks.addSeries(disagree);
                markRenderer.setSeriesShape(i, org.jfree.chart.util.ShapeUtils.createDiagonalCross(6, 1.5f));
                markRenderer.setSeriesPaint(i, Color.RED);
            }
            chart.getXYPlot().setDataset(1, marks);
            chart.getXYPlot().setRenderer(1, markRenderer);
            logX(chart, d.getValue().values().stream().flatMap(List::stream)
                    .mapToDouble(r -> r.<Double>getAs("temperature")).min().orElse(1));
            plots.add(new Plot("c_of_t_D" + d.getKey(), "C(T), D = " + d.getKey(), chart,
                    "Replica-averaged heat capacity with its error (the larger of the chains' and the replica spread). "
                            + "Open black circles: a point with a short_chain or unmixed cell (its error is a lower "
                            + "bound); red crosses: fluctuation and response disagree beyond 3 errors."));
        }
        List<Row> rw = Files.isDirectory(out.reweighted())
                ? spark.read().parquet(out.reweighted().toString()).orderBy("data_size", "width", "temperature")
                        .collectAsList() : List.of();
        Map<Integer, Map<Integer, List<Row>>> rwByD = new TreeMap<>();
        for (Row r : rw) {
            rwByD.computeIfAbsent(r.getAs("data_size"), k -> new TreeMap<>())
                    .computeIfAbsent(r.getAs("width"), k -> new ArrayList<>()).add(r);
        }
        for (var d : rwByD.entrySet()) {
            YIntervalSeriesCollection c = new YIntervalSeriesCollection();
            XYSeriesCollection s = new XYSeriesCollection();
            XYSeriesCollection f = new XYSeriesCollection();
            for (var w : d.getValue().entrySet()) {
                YIntervalSeries y = new YIntervalSeries("N = " + w.getKey());
                XYSeries se = new XYSeries("S, N = " + w.getKey());
                XYSeries fe = new XYSeries("F, N = " + w.getKey());
                for (Row r : w.getValue()) {
                    double t = r.getAs("temperature");
                    y.add(t, r.getAs("c"), r.getAs("c_low"), r.getAs("c_high"));
                    se.add(t, r.<Double>getAs("entropy"));
                    fe.add(t, r.<Double>getAs("free_energy"));
                }
                c.addSeries(y);
                s.addSeries(se);
                f.addSeries(fe);
            }
            JFreeChart chart = ChartFactory.createXYLineChart("Reweighted C(T), D = " + d.getKey(), "T", "C", c,
                    PlotOrientation.VERTICAL, true, false, false);
            DeviationRenderer band = new DeviationRenderer(true, false);
            band.setAlpha(0.25f);
            colour(band, c.getSeriesCount());   // the band's fill is the series colour (its default fill is white)
            chart.getXYPlot().setRenderer(band);
            double tMin = rw.stream().mapToDouble(r -> r.<Double>getAs("temperature")).min().orElse(1);
            logX(chart, tMin);
            plots.add(new Plot("reweighted_D" + d.getKey(), "Reweighted C(T), D = " + d.getKey(), chart,
                    "MBAR reweighting of the traces on a fine grid, with the 95% joint bootstrap band."));
            JFreeChart thermo = ChartFactory.createXYLineChart("Entropy S(T) - S(T0), D = " + d.getKey(), "T",
                    "S - S(T0)", s, PlotOrientation.VERTICAL, true, false, false);
            logX(thermo, tMin);
            plots.add(new Plot("entropy_D" + d.getKey(), "Entropy, D = " + d.getKey(), thermo,
                    "S(T) - S(T0) = integral of C/T from the lowest temperature T0 of the line."));
            JFreeChart free = ChartFactory.createXYLineChart("Free energy F = <E> - T S, D = " + d.getKey(), "T", "F",
                    f, PlotOrientation.VERTICAL, true, false, false);
            logX(free, tMin);
            plots.add(new Plot("free_energy_D" + d.getKey(), "Free energy, D = " + d.getKey(), free,
                    "F relative to S(T0) = 0."));
        }
        if (Files.isDirectory(out.scaling())) {
            Map<Integer, XYSeries> byW = new TreeMap<>();
            for (Row r : spark.read().parquet(out.scaling().toString()).orderBy("width", "x").collectAsList()) {
                int w = r.getAs("width");
                byW.computeIfAbsent(w, k -> new XYSeries("N = " + k)).add(r.<Double>getAs("x"), r.<Double>getAs("f"));
            }
            if (!byW.isEmpty()) {
                XYSeriesCollection data = new XYSeriesCollection();
                byW.values().forEach(data::addSeries);
                JFreeChart chart = ChartFactory.createScatterPlot("Collapse of chi", "x = (T - Tc) N^(1/nu)",
                        "chi N^(-a)", data, PlotOrientation.VERTICAL, true, false, false);
                white(chart);
                plots.add(new Plot("collapse_chi", "Data collapse of chi", chart,
                        "Every width on the universal function f (fitted T_c, nu, a in fits/collapse_chi_*)."));
            }
        }
        // log-log peak heights against width, with intervals
        XYIntervalSeriesCollection peaks = new XYIntervalSeriesCollection();
        Map<String, XYIntervalSeries> bySeries = new TreeMap<>();
        for (var f : outcome.fits()) {
            if (!f.converged() || f.width() == null || f.dataSize() == null) continue;
            if (!f.kind().equals("peak_height_rw") && !f.kind().equals("chi_peak_height_rw")) continue;
            String name = (f.kind().startsWith("chi") ? "chi_max" : "C_max") + ", D = " + f.dataSize();
            bySeries.computeIfAbsent(name, XYIntervalSeries::new).add(f.width(), f.width(), f.width(), f.estimate(),
                    f.ciLow(), f.ciHigh());
        }
        bySeries.values().forEach(peaks::addSeries);
        if (peaks.getSeriesCount() > 0) {
            JFreeChart chart = ChartFactory.createXYLineChart("Peak heights against width", "N", "peak", peaks,
                    PlotOrientation.VERTICAL, true, false, false);
            XYErrorRenderer r = new XYErrorRenderer();
            r.setDrawXError(false);
            chart.getXYPlot().setRenderer(r);
            LogAxis x = new LogAxis("N");
            LogAxis y = new LogAxis("peak height");
            chart.getXYPlot().setDomainAxis(x);
            chart.getXYPlot().setRangeAxis(y);
            white(chart);
            plots.add(new Plot("peak_scaling", "Peak scaling (log-log)", chart,
                    "Reweighted peak heights of C and chi with 95% intervals; the power laws are in fits/."));
        }
        // diagnostics
        XYSeriesCollection tau = new XYSeriesCollection();
        XYSeriesCollection frz = new XYSeriesCollection();
        Map<String, XYSeries> tauS = new TreeMap<>();
        Map<String, XYSeries> frS = new TreeMap<>();
        for (Row r : curves) {
            String key = "N = " + r.getAs("width") + ", D = " + r.getAs("data_size");
            tauS.computeIfAbsent(key, XYSeries::new).add(r.<Double>getAs("temperature"), r.<Double>getAs("tau_int_max"));
            Double z = r.getAs("fr_z");
            if (z != null && !z.isNaN()) frS.computeIfAbsent(key, XYSeries::new).add(r.<Double>getAs("temperature"), z);
        }
        tauS.values().forEach(tau::addSeries);
        frS.values().forEach(frz::addSeries);
        JFreeChart tauChart = ChartFactory.createXYLineChart("tau_int(E) along each line", "T", "tau_int (samples)",
                tau, PlotOrientation.VERTICAL, tau.getSeriesCount() <= 12, false, false);
        logX(tauChart, 0);
        plots.add(new Plot("tau_int", "Relaxation time", tauChart, "The largest tau_int(E) among the replicas."));
        if (frz.getSeriesCount() > 0) {
            JFreeChart fr = ChartFactory.createScatterPlot("Fluctuation-response z", "T", "z", frz,
                    PlotOrientation.VERTICAL, frz.getSeriesCount() <= 12, false, false);
            logX(fr, 0);
            plots.add(new Plot("fluctuation_response", "Fluctuation-response agreement", fr,
                    "z of Var(E)/T^2 against d<E>/dT; |z| > 3 means the chains are not sampling p_T well."));
        }
        XYSeriesCollection rhat = new XYSeriesCollection();
        XYSeries rs = new XYSeries("cells");
        for (Row r : spark.read().parquet(out.cells().toString()).select("temperature", "rhat").collectAsList()) {
            if (!r.isNullAt(1) && Double.isFinite(r.getDouble(1))) rs.add(r.getDouble(0), r.getDouble(1));
        }
        rhat.addSeries(rs);
        JFreeChart rh = ChartFactory.createScatterPlot("Split R-hat of E per cell", "T", "R-hat", rhat,
                PlotOrientation.VERTICAL, false, false, false);
        logX(rh, 0);
        plots.add(new Plot("rhat", "R-hat", rh, "Above 1.01 a cell is marked unmixed."));

        try {
            Files.createDirectories(dir);
            StringBuilder html = new StringBuilder();
            html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Calorimeter report: ")
                    .append(escape(out.root().getFileName().toString()))
                    .append("</title><style>body{font-family:sans-serif;max-width:60em;margin:2em auto;}"
                            + "figure{margin:2em 0;}figcaption{color:#444;}table{border-collapse:collapse;}"
                            + "td,th{border:1px solid #ccc;padding:2px 6px;font-size:90%;}</style></head><body>\n")
                    .append("<h1>Calorimeter report</h1>\n<p>Output folder: <code>")
                    .append(escape(out.root().toString())).append("</code>. Each plot is also a PNG and an SVG file "
                            + "next to this page.</p>\n");
            top(html, spark, out, outcome);
            for (Plot p : plots) {
                String svg = svg(p.chart());
                Files.writeString(dir.resolve(p.name() + ".svg"), svg, StandardCharsets.UTF_8);
                BufferedImage img = p.chart().createBufferedImage(W, H);
                ImageIO.write(img, "png", dir.resolve(p.name() + ".png").toFile());
                html.append("<figure id=\"").append(p.name()).append("\"><h2>").append(escape(p.title()))
                        .append("</h2>\n").append(svg.replaceFirst("<\\?xml[^>]*\\?>", ""))
                        .append("\n<figcaption>").append(escape(p.caption())).append(" <a href=\"")
                        .append(p.name()).append(".png\">PNG</a> <a href=\"").append(p.name())
                        .append(".svg\">SVG</a></figcaption></figure>\n");
            }
            html.append("<h2>Fits</h2>\n<table><tr><th>kind</th><th>N</th><th>D</th><th>T</th><th>estimate</th>"
                    + "<th>95% interval</th><th>note</th></tr>\n");
            for (var f : outcome.fits()) {
                if (!f.converged()) continue;
                html.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%.4g</td>"
                                + "<td>[%.4g, %.4g]</td><td>%s</td></tr>\n", escape(f.kind()), f.width() == null ? "" : f.width(),
                        f.dataSize() == null ? "" : f.dataSize(), f.temperature() == null ? "" : String.format(Locale.ROOT,
                                "%.3g", f.temperature()), f.estimate(), f.ciLow(), f.ciHigh(), escape(f.message())));
            }
            html.append("</table>\n</body></html>\n");
            Files.writeString(dir.resolve("index.html"), html.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir.resolve("index.html");
    }

    /**
     * What a reader needs first: cells by status, the cells not ok grouped by reason, the peaks, the fits not made
     * grouped by reason (the summary's text) and the config.
     */
    static void top(StringBuilder html, SparkSession spark, OutputDir out, AggregateJob.Outcome outcome)
            throws IOException {
        html.append("<h2>Cells by status</h2>\n<table><tr>");
        List<Row> byStatus = spark.read().parquet(out.cells().toString()).filter("ladder = false").groupBy("status")
                .count().orderBy("status").collectAsList();
        for (Row r : byStatus) html.append("<th>").append(escape(r.getString(0))).append("</th>");
        html.append("</tr><tr>");
        for (Row r : byStatus) html.append("<td>").append(r.getLong(1)).append("</td>");
        html.append("</tr></table>\n<p>Skipped by the aggregation (diverged, stuck or failed): ")
                .append(outcome.skipped().isEmpty() ? "none" : escape(outcome.skipped().toString())).append("</p>\n");
        java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
        try (java.io.PrintStream p = new java.io.PrintStream(text, true, StandardCharsets.UTF_8)) {
            Summary.trust(p, outcome);
        }
        html.append("<h2>Trust, peaks and fits</h2>\n<pre style=\"white-space:pre-wrap;font-size:85%\">")
                .append(escape(text.toString(StandardCharsets.UTF_8).strip())).append("</pre>\n");
        if (Files.isRegularFile(out.config())) {
            html.append("<details><summary>Config (resolved, as hashed)</summary><pre>")
                    .append(escape(Files.readString(out.config(), StandardCharsets.UTF_8))).append("</pre></details>\n");
        }
    }

    /** One colour per series, used for line, shape and fill alike (so a band has its curve's colour). */
    static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0x9467bd), new Color(0xff7f0e), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf)};

    static void colour(XYLineAndShapeRenderer r, int series) {
        for (int i = 0; i < series; i++) {
            Color c = PALETTE[i % PALETTE.length];
            r.setSeriesPaint(i, c);
            r.setSeriesFillPaint(i, c);
        }
    }

    static void logX(JFreeChart chart, double min) {
        XYPlot plot = chart.getXYPlot();
        LogAxis axis = new LogAxis(plot.getDomainAxis().getLabel());
        axis.setSmallestValue(min > 0 ? min / 2 : 1e-9);
        // Ticks labelled by their value (0.01, 0.1, 1), not by a fractional power of ten like 10^-1.8 or 10^6.02E-1.
        axis.setNumberFormatOverride(new java.text.DecimalFormat("0.####", java.text.DecimalFormatSymbols
                .getInstance(Locale.ROOT)));
        org.jfree.data.Range span = plot.getDataset() == null ? null
                : org.jfree.data.general.DatasetUtils.findDomainBounds(plot.getDataset());
        if (span != null && span.getLowerBound() > 0 && span.getUpperBound() / span.getLowerBound() >= 100) {
            axis.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(1.0));   // decades: 0.01, 0.1, 1, 10
        }
        plot.setDomainAxis(axis);
        if (plot.getRangeAxis() instanceof NumberAxis n) n.setAutoRangeIncludesZero(false);
        white(chart);
    }

    static void white(JFreeChart chart) {
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        if (plot.getRenderer() instanceof XYLineAndShapeRenderer r) r.setDefaultStroke(new BasicStroke(1.5f));
    }

    static String svg(JFreeChart chart) {
        SVGGraphics2D g = new SVGGraphics2D(W, H);
        chart.draw((Graphics2D) g, new Rectangle2D.Double(0, 0, W, H));
        return g.getSVGDocument();
    }

    static String escape(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
