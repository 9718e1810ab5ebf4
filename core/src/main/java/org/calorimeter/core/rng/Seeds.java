package org.calorimeter.core.rng;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Derives every random stream of a sweep from the sweep seed and a key, so that a stream depends only on
 * what it is for (never on which executor, which retry or which partition computes it).
 *
 * <p>The mixing function is SplitMix64's finaliser (Steele, Lea and Flood 2014), applied to the running
 * state after each key component, so distinct keys give statistically independent seeds.
 */
public final class Seeds {
    private Seeds() {}

    /** SplitMix64 finaliser: a bijection on 64-bit values with full avalanche. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** A seed derived from a base seed, a purpose tag and any number of integer key components. */
    public static long derive(long base, String tag, long... components) {
        long h = mix(base + 0x9e3779b97f4a7c15L);
        for (byte b : tag.getBytes(StandardCharsets.UTF_8)) {
            h = mix(h ^ (b & 0xffL) + 0x9e3779b97f4a7c15L);
        }
        h = mix(h ^ tag.length());
        for (long c : components) {
            h = mix(h + 0x9e3779b97f4a7c15L ^ c);
            h = mix(h);
        }
        return h;
    }

    /** The bits of a double as a key component: equal temperatures give equal keys. */
    public static long key(double value) {
        return Double.doubleToLongBits(value == 0.0 ? 0.0 : value);
    }

    public static SplittableRandom stream(long base, String tag, long... components) {
        return new SplittableRandom(derive(base, tag, components));
    }
}
