package org.calorimeter.core.sampler;

import org.calorimeter.core.model.SpinModel;

/** A spin model at temperature T: p_T(s) ~ exp(-E(s)/T) (binary weights have a flat prior). */
public record SpinPotential(SpinModel model, double temperature) {
    public SpinPotential {
        org.calorimeter.core.model.Checks.positive("temperature", temperature);
    }

    public double beta() {
        return 1.0 / temperature;
    }
}
