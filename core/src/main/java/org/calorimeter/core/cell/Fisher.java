package org.calorimeter.core.cell;

import java.io.Serializable;
import java.util.List;
import org.calorimeter.core.estimator.Estimate;

/**
 * The Fisher-information columns of one cell, I = &lt;grad^2 U&gt; with U = E/T - log pi: its trace (from the identity
 * &lt;grad^2 U&gt; = &lt;grad U grad U^T&gt; over every recorded sample), its top eigenvalues (descending) and the
 * effective dimension d_eff = sum_i lambda_i / (lambda_i + 1/sigma^2) (observable.FisherSpectrum). Spin families have
 * no gradient: every entry is NaN and the list is empty.
 */
public record Fisher(Estimate trace, List<Estimate> top, Estimate effectiveDimension) implements Serializable {
    public static final Fisher NONE = new Fisher(Estimate.NONE, List.of(), Estimate.NONE);
}
