package org.calorimeter.core.fit;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The replica average of the reweighted lines of one (width, data size): mean curves on the common fine grid, and a
 * joint bootstrap (replicas drawn with replacement, each contributing its own b-th bootstrap curve) for 95% bands and
 * for the peak intervals of C and chi. A peak on the first or last fine-grid point, or where neighbouring sampled
 * temperatures overlap less than {@link Reweighting#MIN_OVERLAP}, is reported as not converged.
 */
public record ReweightedCurve(int width, int dataSize, int replicas, double[] temperature, double[] energy, double[] c,
                              double[] cLow, double[] cHigh, double[] psi, double[] chi, double[] chiLow,
                              double[] chiHigh, double[] entropy, double[] freeEnergy, double[] overlap,
                              double[][] bootC, double[][] bootChi) implements Serializable {

    public static ReweightedCurve combine(List<Reweighting.Line> lines, int width, int dataSize, long seed) {
        Reweighting.Line first = lines.get(0);
        int g = first.temperature().length;
        int r = lines.size();
        for (Reweighting.Line l : lines) {
            if (l.temperature().length != g) {
                throw new IllegalArgumentException("inconsistent fine grids: " + g + " != " + l.temperature().length);
            }
        }
        double[][] mean = new double[6][g];
        double[] overlap = new double[g];
        Arrays.fill(overlap, Double.POSITIVE_INFINITY);
        for (Reweighting.Line l : lines) {
            for (int t = 0; t < g; t++) {
                mean[0][t] += l.energy()[t] / r;
                mean[1][t] += l.c()[t] / r;
                mean[2][t] += l.psi()[t] / r;
                mean[3][t] += l.chi()[t] / r;
                mean[4][t] += l.entropy()[t] / r;
                mean[5][t] += l.freeEnergy()[t] / r;
                overlap[t] = Math.min(overlap[t], l.overlap()[t]);
            }
        }
        int b = first.bootC().length;
        double[][] bootC = new double[b][g];
        double[][] bootChi = new double[b][g];
        SplittableRandom rng = new SplittableRandom(seed);
        for (int k = 0; k < b; k++) {
            for (int i = 0; i < r; i++) {
                Reweighting.Line l = lines.get(r == 1 ? 0 : rng.nextInt(r));
                for (int t = 0; t < g; t++) {
                    bootC[k][t] += l.bootC()[k][t] / r;
                    bootChi[k][t] += l.bootChi()[k][t] / r;
                }
            }
        }
        double[][] cBand = band(bootC);
        double[][] chiBand = band(bootChi);
        return new ReweightedCurve(width, dataSize, r, first.temperature(), mean[0], mean[1], cBand[0], cBand[1],
                mean[2], mean[3], chiBand[0], chiBand[1], mean[4], mean[5], overlap, bootC, bootChi);
    }

    /** Pointwise 2.5% and 97.5% percentiles over the replicates. */
    static double[][] band(double[][] boot) {
        int g = boot.length == 0 ? 0 : boot[0].length;
        double[][] out = new double[2][g];
        double[] col = new double[boot.length];
        for (int t = 0; t < g; t++) {
            for (int k = 0; k < boot.length; k++) col[k] = boot[k][t];
            Arrays.sort(col);
            out[0][t] = percentile(col, 0.025);
            out[1][t] = percentile(col, 0.975);
        }
        return out;
    }

    static double percentile(double[] sorted, double q) {
        return Intervals.quantile(sorted, q);
    }

    /** Position, height and index of a curve's maximum ({@link Peaks#locate}). */
    public static double[] peak(double[] t, double[] y) {
        Peaks.Peak p = Peaks.locate(t, y);
        return new double[] {p.x(), p.y(), p.index()};
    }

    /** Peak of C (or chi with {@code chi}) with bootstrap intervals: [temperature fit, height fit] plus the replicates. */
    public record Peak(FitResult temperature, FitResult height, double[] bootTemperature, double[] bootHeight)
            implements Serializable {}

    public Peak peakOf(boolean ofChi) {
        String name = ofChi ? "chi_peak" : "peak";
        double[] y = ofChi ? chi : c;
        double[][] boot = ofChi ? bootChi : bootC;
        double[] p = peak(temperature, y);
        int at = (int) p[2];
        String method = "MBAR reweighting (" + replicas + " replicas, " + boot.length + " joint bootstrap replicates)";
        String kindT = name + "_temperature_rw";
        String kindH = name + "_height_rw";
        if (at == 0 || at == temperature.length - 1) {
            String why = "the maximum of the reweighted curve is at the " + (at == 0 ? "lowest" : "highest")
                    + " temperature: widen the grid to bracket the peak";
            return new Peak(FitResult.failed(kindT, width, dataSize, temperature.length, method, why),
                    FitResult.failed(kindH, width, dataSize, temperature.length, method, why), new double[0],
                    new double[0]);
        }
        double[] bt = new double[boot.length];
        double[] bh = new double[boot.length];
        for (int k = 0; k < boot.length; k++) {
            double[] q = peak(temperature, boot[k]);
            bt[k] = q[0];
            bh[k] = q[1];
        }
        boolean ok = overlap[at] >= Reweighting.MIN_OVERLAP;
        String message = ok ? "" : String.format("neighbouring temperatures overlap only %.3f < %.2f at the peak: "
                + "reweighting there rests on few samples; add temperatures", overlap[at], Reweighting.MIN_OVERLAP);
        return new Peak(interval(kindT, p[0], bt, method, ok, message), interval(kindH, p[1], bh, method, ok, message),
                bt, bh);
    }

    private FitResult interval(String kind, double estimate, double[] boot, String method, boolean ok, String message) {
        Intervals.Interval i = Intervals.percentile(boot);
        return new FitResult(kind, width, dataSize, estimate, i.sd(), i.low(), i.high(), temperature.length,
                Double.NaN, method + "; " + i.label(), ok, message);
    }

    /** All rows of fits/ this curve gives: the peaks of C and of chi. */
    public List<FitResult> fits() {
        List<FitResult> out = new ArrayList<>();
        Peak pc = peakOf(false);
        Peak px = peakOf(true);
        out.add(pc.temperature());
        out.add(pc.height());
        out.add(px.temperature());
        out.add(px.height());
        return out;
    }
}
