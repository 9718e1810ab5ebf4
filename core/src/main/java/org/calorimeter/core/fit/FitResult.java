package org.calorimeter.core.fit;

import java.io.Serializable;

/**
 * One fitted quantity: estimate, standard error and a 95% interval, with how it was obtained. A fit that could
 * not be made is a row too: {@code converged = false} and a message saying why.
 */
public record FitResult(String kind, Integer width, Integer dataSize, Double temperature, double estimate,
                        double error, double ciLow, double ciHigh, int nPoints, double chi2Dof, String method,
                        boolean converged, String message) implements Serializable {

    /** How a row that does not apply to the grid begins its message (the summary groups these). */
    public static final String NOT_APPLICABLE = "not applicable: ";

    /** Only kinds registered in {@link FitKind} are rows. */
    public FitResult {
        FitKind.require(kind);
    }

    /** A fit not tied to one temperature. */
    public FitResult(String kind, Integer width, Integer dataSize, double estimate, double error, double ciLow,
                     double ciHigh, int nPoints, double chi2Dof, String method, boolean converged, String message) {
        this(kind, width, dataSize, null, estimate, error, ciLow, ciHigh, nPoints, chi2Dof, method, converged, message);
    }

    public static FitResult failed(String kind, Integer width, Integer dataSize, int nPoints, String method,
                                   String message) {
        return new FitResult(kind, width, dataSize, Double.NaN, Double.NaN, Double.NaN, Double.NaN, nPoints,
                Double.NaN, method, false, message);
    }
}
