package org.calorimeter.core.config;

import java.io.Serializable;

/**
 * Replica exchange (parallel tempering) along a line: the chains of a line's temperatures run together and every
 * {@code every} steps try to swap states between neighbouring temperatures (even pairs, then odd pairs, in turn).
 * {@code autoLadder}: extra temperatures are inserted between the grid's until the predicted swap acceptance of every
 * neighbour pair reaches {@code target}, at most {@code maxTemperatures} in a line.
 */
public record ExchangeSpec(boolean on, int every, boolean autoLadder, double target, int maxTemperatures)
        implements Serializable {
    public static final ExchangeSpec OFF = new ExchangeSpec(false, 1, false, 0.2, 0);

    /** Default swap acceptance a ladder aims at (0.2: Kone and Kofke 2005, Rathore et al. 2005 found 0.2-0.3 best). */
    public static final double DEFAULT_TARGET = 0.2;

    /** Most temperatures a line may have with an automatic ladder (each is a chain in the line's task). */
    public static final int MAX_TEMPERATURES = 256;

    /** Lines with at least this many temperatures exchange by default (with an exact sampler). */
    public static final int DEFAULT_MIN_TEMPERATURES = 3;
}
