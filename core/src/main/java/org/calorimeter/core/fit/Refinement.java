package org.calorimeter.core.fit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * Adaptive refinement of the temperature grid: new temperatures go into the intervals where C and its error are
 * largest, which near a transition is around T_c. Each line's curve is scaled by its own maximum so that every line
 * weighs the same; an interval's score is the mean over lines of (mean C over its two ends + mean error of its ends),
 * and the {@code add} best intervals receive their midpoint: geometric when the grid spans more than a factor of 10
 * (a log-spaced grid), arithmetic otherwise.
 */
public final class Refinement {
    private Refinement() {}

    /** A line's curve on the common temperature grid (NaN where a point is missing). */
    public record LineCurve(double[] c, double[] err) {}

    public static List<Double> newTemperatures(double[] grid, List<LineCurve> lines, int add) {
        int n = grid.length;
        if (n < 2) throw new IllegalArgumentException("refinement needs at least 2 grid temperatures: " + n);
        double[] score = new double[n - 1];
        int[] counted = new int[n - 1];
        for (LineCurve l : lines) {
            double max = 0;
            for (double v : l.c()) if (Double.isFinite(v)) max = Math.max(max, Math.abs(v));
            if (max == 0) continue;
            for (int i = 0; i + 1 < n; i++) {
                double a = l.c()[i], b = l.c()[i + 1], ea = l.err()[i], eb = l.err()[i + 1];
                if (!(Double.isFinite(a) && Double.isFinite(b) && Double.isFinite(ea) && Double.isFinite(eb))) continue;
                score[i] += ((a + b) / 2 + (ea + eb) / 2) / max;
                counted[i]++;
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i + 1 < n; i++) if (counted[i] > 0) order.add(i);
        order.sort(Comparator.comparingDouble((Integer i) -> -score[i] / counted[i]).thenComparingInt(i -> i));
        boolean geometric = grid[n - 1] / grid[0] > 10;
        TreeSet<Double> out = new TreeSet<>();
        for (int k = 0; k < Math.min(add, order.size()); k++) {
            int i = order.get(k);
            out.add(geometric ? Math.sqrt(grid[i] * grid[i + 1]) : (grid[i] + grid[i + 1]) / 2);
        }
        return new ArrayList<>(out);
    }
}
