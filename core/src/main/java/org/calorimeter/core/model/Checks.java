package org.calorimeter.core.model;

/** Precondition helpers: each returns its argument and names both values when it fails. */
public final class Checks {
    private Checks() {}

    public static long equal(String what, long actual, long expected) {
        if (actual != expected) {
            throw new IllegalArgumentException("inconsistent " + what + ": " + actual + " != " + expected);
        }
        return actual;
    }

    public static double positive(String what, double value) {
        if (!(value > 0)) throw new IllegalArgumentException(what + " must be > 0: " + value);
        return value;
    }
}
