package org.calorimeter.core.fit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.calorimeter.core.rng.Seeds;

/**
 * The first scaling analysis of a sweep: the peak of every (width, data size) C(T) curve, then power laws of the
 * peak height against width (one fit per data size) and against data size (one fit per width). Only peaks that
 * are bracketed by the grid enter the power laws.
 */
public final class Scaling {
    private Scaling() {}

    /** A line of temperatures: (width N, data size D). */
    public record Line(int width, int dataSize) implements Comparable<Line> {
        @Override
        public int compareTo(Line o) {
            return width != o.width ? Integer.compare(width, o.width) : Integer.compare(dataSize, o.dataSize);
        }
    }

    public static List<FitResult> fit(Map<Line, Curve> curves, long seed) {
        List<FitResult> out = new ArrayList<>();
        Map<Line, PeakFit.Peak> peaks = new TreeMap<>();
        for (Map.Entry<Line, Curve> e : curves.entrySet()) {
            Line l = e.getKey();
            PeakFit.Peak p = PeakFit.fit(e.getValue(), l.width(), l.dataSize(),
                    Seeds.derive(seed, "peak", l.width(), l.dataSize()));
            peaks.put(l, p);
            out.add(p.temperature());
            out.add(p.height());
        }
        TreeSet<Integer> widths = new TreeSet<>();
        TreeSet<Integer> sizes = new TreeSet<>();
        for (Line l : curves.keySet()) {
            widths.add(l.width());
            sizes.add(l.dataSize());
        }
        for (int d : sizes) {
            List<Line> along = new ArrayList<>();
            for (int w : widths) along.add(new Line(w, d));
            PowerLawFit.Result r = powerLaw("peak_height_vs_width", along, peaks, true, null, d);
            out.add(r.exponent());
            out.add(r.amplitude());
        }
        for (int w : widths) {
            List<Line> along = new ArrayList<>();
            for (int d : sizes) along.add(new Line(w, d));
            PowerLawFit.Result r = powerLaw("peak_height_vs_data", along, peaks, false, w, null);
            out.add(r.exponent());
            out.add(r.amplitude());
        }
        return out;
    }

    private static PowerLawFit.Result powerLaw(String kind, List<Line> along, Map<Line, PeakFit.Peak> peaks,
                                               boolean byWidth, Integer width, Integer dataSize) {
        List<double[]> pts = new ArrayList<>();
        for (Line l : along) {
            PeakFit.Peak p = peaks.get(l);
            if (p == null || !p.height().converged()) continue;
            pts.add(new double[] {byWidth ? l.width() : l.dataSize(), p.height().estimate(), p.height().error()});
        }
        if (pts.size() < 2) {
            String why = "needs peaks on at least 2 lines; " + pts.size() + " of " + along.size()
                    + " lines have a peak inside the temperature grid";
            String method = "weighted least squares on log-log";
            return new PowerLawFit.Result(FitResult.failed(kind, width, dataSize, pts.size(), method, why),
                    FitResult.failed(kind + "_amplitude", width, dataSize, pts.size(), method, why));
        }
        double[] x = pts.stream().mapToDouble(p -> p[0]).toArray();
        double[] y = pts.stream().mapToDouble(p -> p[1]).toArray();
        double[] e = pts.stream().mapToDouble(p -> p[2]).toArray();
        return PowerLawFit.fit(kind, x, y, e, width, dataSize);
    }
}
