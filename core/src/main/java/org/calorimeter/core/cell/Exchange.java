package org.calorimeter.core.cell;

import java.io.Serializable;

/**
 * The replica-exchange columns of one cell: {@code ladder} marks a temperature the automatic ladder inserted (not a
 * grid point); {@code swapAccept} is the swap acceptance to the next higher temperature of the line (NaN for the
 * highest, or without exchange); {@code roundTrips} / {@code roundTripSteps} are the line's count of
 * lowest-highest-lowest round trips and their mean duration in sampler steps (the same in every row of a line).
 */
public record Exchange(boolean ladder, double swapAccept, int roundTrips, double roundTripSteps)
        implements Serializable {
    /** A cell without exchange. */
    public static final Exchange NONE = new Exchange(false, Double.NaN, 0, Double.NaN);
}
